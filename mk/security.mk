# The attack suite (tests/security): XSS corpus, CSRF and authorization generated from the URL
# map, spoofed headers, hostile imports, fuzzing, and schemathesis against the OpenAPI schema.
# `make test` runs it too; this runs it alone. SECURITY.md says what it tried and what held.
.PHONY: security

security: install-dev
	$(BIN)/python -m pytest -q tests/security

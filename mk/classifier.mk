# Classifier: `make eval` measures the shipped model on every dataset's held-out test split
# (needs ../shared/datasets); `make classifier-train` rebuilds the shipped model from them.
DATASETS ?= ../shared/datasets
EVAL_DIR ?= var/eval
CLASSIFIER_MODEL_DIR := src/civility/classifier/model
CLASSIFIER_LABELS := --label-column toxicity --label-column insult --label-column profanity \
	--label-column identity_attack --label-column threat

.PHONY: eval classifier-train classifier-bench

eval: install
	@if [ -d "$(DATASETS)" ]; then \
		$(BIN)/civility classifier export-test --data $(DATASETS) --out $(EVAL_DIR) >/dev/null && \
		for f in $(EVAL_DIR)/*.csv; do \
			$(BIN)/civility classifier eval $$f --text-column text $(CLASSIFIER_LABELS) \
				$$($(BIN)/python -c "import profanity_check" 2>/dev/null && echo --baseline) || exit 1; \
			echo; \
		done; \
	else \
		echo "$(DATASETS) not found: nothing to evaluate"; \
	fi

classifier-train: install
	$(BIN)/civility classifier train --data $(DATASETS) --out $(CLASSIFIER_MODEL_DIR)

classifier-bench: install
	$(BIN)/python bench/classifier_bench.py

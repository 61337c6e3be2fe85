# Load and faults (issue 7): 50 clients post and reply to one story for 60 s while PostgreSQL is
# restarted, Redis stopped, a web process and the worker killed; then every acknowledged comment
# is checked. Private PostgreSQL/Redis on loopback ports; summaries go to loadtest/results.json.
# `loadtest-short` is the version CI runs.
.PHONY: loadtest loadtest-short

loadtest: install
	$(BIN)/python loadtest/run.py --clients 50 --seconds 60 --database postgres
	$(BIN)/python loadtest/run.py --clients 50 --seconds 60 --database sqlite --faults redis,web,worker

loadtest-short: install
	$(BIN)/python loadtest/run.py --clients 12 --seconds 20 --database postgres \
		--out $${LOADTEST_OUT:-loadtest/results-short.json}

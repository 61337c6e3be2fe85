# The scale run of issue 7: 1,000,000 comments over 2,000 stories on SQLite and PostgreSQL
# (needs the PostgreSQL of the dev setup). Takes a long while; `make bench` stays quick.
.PHONY: bench-scale

bench-scale: install
	$(BIN)/python bench/scale_bench.py --comments 1000000 --stories 2000 --database both

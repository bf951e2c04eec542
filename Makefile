# make lab    : set up .venv and open the notebooks in JupyterLab
# make test   : set up .venv and run every test (lint, unit, notebooks, browser)
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
# More JupyterLab options for make lab, e.g. make lab LAB_ARGS="--no-browser --port=8890"
LAB_ARGS ?=

# Same numbers on every machine: one BLAS thread (see README).
export OMP_NUM_THREADS ?= 1
export OPENBLAS_NUM_THREADS ?= 1
export MKL_NUM_THREADS ?= 1
export NUMPY_MADVISE_HUGEPAGE ?= 0

# A relative MNIST_DIR is made absolute for the processes make starts: the notebooks'
# kernels run in notebooks/, where it would name another folder.
ifneq ($(MNIST_DIR),)
ifeq ($(filter /%,$(firstword $(MNIST_DIR))),)
override MNIST_DIR := $(CURDIR)/$(MNIST_DIR)
export MNIST_DIR
endif
endif

.PHONY: lab test test-platforms lint notebooks figures benchmark data clean

# The first run takes 1 to 3 minutes: pip shows one line of progress, its full log
# stays in .venv/pip-install.log.
$(BIN)/activate.done: requirements.txt
	@echo "Setting up $(VENV) with the packages of requirements.txt (1 to 3 minutes, once)"
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	@$(BIN)/python -m pip install -qq --upgrade pip
	@$(BIN)/python -m pip install -r requirements.txt > $(VENV)/pip-install.log 2>&1 & pid=$$!; \
	last=; while kill -0 $$pid 2>/dev/null; do \
	    now="$$(grep -c '^Collecting' $(VENV)/pip-install.log) packages collected, $$(grep -q \
	        '^Installing collected' $(VENV)/pip-install.log && echo installing || echo downloading)"; \
	    [ "$$now" = "$$last" ] || printf '\r  %s...' "$$now"; last=$$now; sleep 1; \
	done; \
	if wait $$pid; then echo " done"; \
	else echo; tail -20 $(VENV)/pip-install.log; echo "pip failed: the whole log is in $(VENV)/pip-install.log"; exit 1; fi
	@touch $@

data: $(BIN)/activate.done
	$(BIN)/python -m dataset.mnist

# MNIST is prepared when it can be; without it, notebooks 5.1-5.6 still work.
lab: $(BIN)/activate.done
	@$(BIN)/python -m dataset.mnist --optional
	@if [ "$$(id -u)" = 0 ]; then \
	    echo "Running as root (as in a container): starting JupyterLab with --allow-root"; \
	    root=--allow-root; \
	fi; \
	exec $(BIN)/jupyter lab $$root $(LAB_ARGS) notebooks/

lint: $(BIN)/activate.done
	$(BIN)/ruff check .

test: lint data
	$(BIN)/python -m pytest -n 2 --dist loadfile -v  # -v: with two workers, the way to keep file names in the output

# The venv of the oldest versions requirements.txt allows: every ">=" bound pinned with "==".
$(VENV)-oldest/done: requirements.txt
	@echo "Setting up $(VENV)-oldest with the oldest versions requirements.txt allows"
	@test -x $(VENV)-oldest/bin/python || $(PYTHON) -m venv $(VENV)-oldest
	@sed -E 's/>=([^,; #]+)[^#]*/==\1 /' requirements.txt > $(VENV)-oldest/requirements.txt
	@$(VENV)-oldest/bin/python -m pip install -qq --upgrade pip
	@$(VENV)-oldest/bin/python -m pip install -qq -r $(VENV)-oldest/requirements.txt
	@touch $@

# nbval on every notebook under other CPUs' BLAS kernels, two BLAS threads, and the
# oldest and newest dependency versions (tests/platforms.sh says what each one is).
test-platforms: $(BIN)/activate.done $(VENV)-oldest/done data
	tests/platforms.sh

notebooks: data
	$(BIN)/jupyter nbconvert --to notebook --execute --inplace --ExecutePreprocessor.record_timing=False notebooks/*.ipynb notebooks/en/*.ipynb

figures: $(BIN)/activate.done
	$(BIN)/python -m common.graph.figures

benchmark: data
	$(BIN)/python benchmarks/train_mnist.py

clean:
	rm -rf $(VENV) $(VENV)-oldest dataset/*.npz test-artifacts

# make lab    : set up .venv and open the notebooks in JupyterLab
# make test   : set up .venv and run every test (lint, unit, notebooks, browser)
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin

# Same numbers on every machine: one BLAS thread (see README).
export OMP_NUM_THREADS ?= 1
export OPENBLAS_NUM_THREADS ?= 1
export MKL_NUM_THREADS ?= 1
export NUMPY_MADVISE_HUGEPAGE ?= 0

.PHONY: lab test lint notebooks figures benchmark data clean

$(BIN)/activate.done: requirements.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements.txt
	touch $@

data: $(BIN)/activate.done
	$(BIN)/python -m dataset.mnist

lab: data
	$(BIN)/jupyter lab notebooks/

lint: $(BIN)/activate.done
	$(BIN)/ruff check .

test: lint data
	$(BIN)/python -m pytest -n 2 --dist loadfile -v  # -v: with two workers, the way to keep file names in the output

notebooks: data
	$(BIN)/jupyter nbconvert --to notebook --execute --inplace --ExecutePreprocessor.record_timing=False notebooks/*.ipynb

figures: $(BIN)/activate.done
	$(BIN)/python -m common.figures

benchmark: data
	$(BIN)/python benchmarks/train_mnist.py

clean:
	rm -rf $(VENV) dataset/*.npz test-artifacts

"""``python -m hudna.cli``: the same as the ``hudna`` script."""

from hudna.cli import main

if __name__ == "__main__":
    main()

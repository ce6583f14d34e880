"""`python -m app` is the same program as `wuye`."""

from app.cli import main

if __name__ == "__main__":
    main()

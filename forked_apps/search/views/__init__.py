"""Search views fork: only the results page changes (views/search.py)."""

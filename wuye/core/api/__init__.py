"""API building blocks (base.py, support.py) and the platform's own resources (views.py)."""

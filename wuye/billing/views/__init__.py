"""Billing pages, one module per topic; `billing/urls.py` imports each."""

"""The service center's pages, by topic; `urls.py` imports the topic modules."""

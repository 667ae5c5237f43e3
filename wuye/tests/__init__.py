"""Whole-site tests: walks over every app's pages and API, and first screens that gather several
apps. Each app's own tests live in the app; core's never import the apps above it."""

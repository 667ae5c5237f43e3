"""The billing REST API, one module per topic: the same scoping, FilterSets, forms and services
as the pages. Money records are append-only: every write goes through a service."""

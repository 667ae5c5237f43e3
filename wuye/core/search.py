"""Global search (PLT-10). Modules register providers; the header box queries them all.

A provider is `func(query, access) -> list[SearchResult]`, returning at most a handful of rows
of its own, already scoped to the current community.
"""

from dataclasses import dataclass

PROVIDERS: list = []


@dataclass
class SearchResult:
    kind: str  # heading the result is grouped under, e.g. “房屋”
    label: str
    detail: str
    url: str
    exact: bool = False  # the query names exactly this record (a unit address, a plate)


def register_search(provider) -> None:
    if provider not in PROVIDERS:
        PROVIDERS.append(provider)


def search(query: str, access) -> list[SearchResult]:
    query = (query or "").strip()
    if not query or access.community is None:
        return []
    results = []
    for provider in PROVIDERS:
        results.extend(provider(query, access))
    return results

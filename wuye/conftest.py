"""Shared personas: staff of community A in each post, an outsider of community B, HQ roles."""

import pytest
from django.test import Client

from wuye.core.roles import CompanyRole
from wuye.core.tests.browser import browser, page  # noqa: F401  (browser fixtures for every app)
from wuye.org.models import Membership
from wuye.org.tests.factories import (
    CommunityFactory,
    CompanyFactory,
    DepartmentFactory,
    UserFactory,
    ZoneFactory,
)

PASSWORD = "pw-Wuye-2026"


@pytest.fixture
def rendered_pdfs(monkeypatch):
    """The HTML each PDF was made from, in order (a PDF's own text is not searchable here)."""
    from django.template.loader import render_to_string

    made = []

    def fake_render_pdf(template, context, request=None):
        made.append(render_to_string(template, context, request=request))
        return b"%PDF-fake"

    monkeypatch.setattr("wuye.core.pdf.render_pdf", fake_render_pdf)
    return made


@pytest.fixture
def company(db):
    return CompanyFactory(code="sunshine", name="阳光物业")


@pytest.fixture
def community_a(company):
    return CommunityFactory(company=company, code="A", name="阳光花园")


@pytest.fixture
def community_b(company):
    return CommunityFactory(company=company, code="B", name="翠湖苑")


@pytest.fixture
def other_company_community(db):
    return CommunityFactory(
        company=CompanyFactory(code="other", name="别家物业"), code="X", name="别家小区"
    )


@pytest.fixture
def make_staff(db):
    """make_staff(community, "CSR", username=...) → a user holding that post there."""

    def make(community, post, username=None, **user_fields):
        username = username or f"{post.lower()}_{community.code.lower()}"
        user = UserFactory(
            username=username, company=community.company, last_community=community, **user_fields
        )
        Membership.objects.get_or_create(community=community, user=user, post=post)
        return user

    return make


@pytest.fixture
def login():
    """login(user) → a test client signed in as that user."""

    def make(user):
        client = Client()
        client.force_login(user)
        return client

    return make


@pytest.fixture
def mgr_a(community_a, make_staff):
    return make_staff(community_a, "MGR")


@pytest.fixture
def ast_a(community_a, make_staff):
    return make_staff(community_a, "AST")


@pytest.fixture
def csh_a(community_a, make_staff):
    return make_staff(community_a, "CSH")


@pytest.fixture
def csr_a(community_a, make_staff):
    return make_staff(community_a, "CSR")


@pytest.fixture
def dsp_a(community_a, make_staff):
    return make_staff(community_a, "DSP")


@pytest.fixture
def tech_a(community_a, make_staff):
    return make_staff(community_a, "TECH")


@pytest.fixture
def mgr_b(community_b, make_staff):
    return make_staff(community_b, "MGR")


@pytest.fixture
def company_admin(company):
    return UserFactory(username="hq_admin", company=company, company_role=CompanyRole.ADMIN)


@pytest.fixture
def company_viewer(company):
    return UserFactory(username="hq_viewer", company=company, company_role=CompanyRole.VIEWER)


@pytest.fixture
def org_a(community_a):
    """Departments and zones of community A."""
    return {
        "cs": DepartmentFactory(community=community_a, name="客服部", kind="CS"),
        "eng": DepartmentFactory(community=community_a, name="工程部", kind="ENG"),
        "zone1": ZoneFactory(community=community_a, code="A1", name="一区"),
        "zone2": ZoneFactory(community=community_a, code="A2", name="二区"),
    }

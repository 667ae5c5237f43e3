"""The billing API's shapes, one module per topic. Fee items, standards and the policy are
written through the pages' forms and the services; readings, runs and every money record
(payments, prepayments, deposits, refunds, waivers, closings) only through the services. These
serializers describe what is read, plus the bodies of the actions."""

# The tiers' form field is registered for the API by `common` on import; any topic imports it.
from . import common  # noqa: F401

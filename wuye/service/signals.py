"""What other apps may hear from customer service: an order reaching its end."""

from django.dispatch import Signal

# Sent inside the closing transaction with `order` (the WorkOrder just closed) and `actor`:
# an app whose record an order was made for (a quality finding) closes that record with it.
order_closed = Signal()

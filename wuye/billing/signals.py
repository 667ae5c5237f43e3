"""What billing tells the rest of the system about the counter's money, inside the transaction
that changes it (a receiver that refuses — a closed month — refuses the change itself).

Finance keeps the cash and bank journals from these (FIN-05); billing imports no other app."""

from django.dispatch import Signal

# A cashier's day confirmed by finance: its counted cash is in the safe. Sent with
# `closing` and `actor`.
closing_confirmed = Signal()

# The cash of a confirmed day handed to the bank (recorded again when corrected). Sent with
# `closing` and `actor`.
closing_banked = Signal()

# A payment voided (its status saved, the transaction open): finance reverses its invoice, or refuses the
# void while the invoice is still being issued. Sent with `payment`, `reason` and `actor`.
payment_voided = Signal()

"""Billing writes, one module per topic; callers import the topic module.

standards (policy, fee standards), readings, planning (what a run bills), runs (preview,
confirm, cancel), issuing (the background issue of a run's bills), oneoff (charges billed by
other apps), ledger (what a unit owes and holds, locks), counter (collect, void, receipts
printed), wallet (prepayment offsets, deposits), approvals (refunds, waivers), arrears (the
month's statistics). The day's closing, dunning and late fees are `billing.closing`,
`billing.dunning` and `billing.latefees`.
"""

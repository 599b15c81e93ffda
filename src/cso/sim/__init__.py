"""Staffing simulation of a CSO program beside sworn patrol.

- `erlang`, `mmc`: the queueing check, an M/M/c queue simulated and its Erlang C values.
- `history`, `arrivals`, `routing`: calls from a CAD export, replayed or fitted by hour of
  the week, and routed by an agency's policy.
- `model`: the discrete-event model of CSO and sworn units on shifts.
- `experiment`, `report`: replications, confidence intervals and the search for the fewest
  CSOs per shift that meet a target.
"""

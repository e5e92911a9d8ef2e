"""The rules of both schemes as plain Python (DOMAIN.md).

Nothing here imports Django, so the rules are easy to read and to test
exhaustively; forms, admin actions and estimates all call them. Each rule
cites its DOMAIN.md id.
"""

"""The numbers: formulas, settings, the plan and its type, ranks, playbook, what-if, budget and back-test."""

"""The `paypath` command line: thin adapters over the library."""

from __future__ import annotations

import typer

from paypath.cli import market, market_analytics, roles
from paypath.cli import salary as salary_cli
from paypath.cli import skills as skills_cli
from paypath.cli.advise import advise_command, offer_command, path_command
from paypath.cli.check import check
from paypath.cli.employers import app as employers_app
from paypath.cli.pay import pay_command
from paypath.cli.serve import serve
from paypath.cli.trends import trends_command
from paypath.cli.wages import wages_command

__all__ = ["app", "main"]

_ = market_analytics  # registers stats/premiums/demand on the market group

app = typer.Typer(
    name="paypath",
    help="Where the money flows in tech: roles, skills and pay from real, cited data.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
)
app.add_typer(roles.app, name="roles")
app.add_typer(market.app, name="market")
app.add_typer(salary_cli.app, name="salary")
app.add_typer(skills_cli.app, name="skills")
app.command("serve")(serve)
app.command("advise")(advise_command)
app.command("path")(path_command)
app.command("offer")(offer_command)
app.command("wages")(wages_command)
app.command("check")(check)
app.command("pay")(pay_command)
app.add_typer(employers_app, name="employers")
app.command("trends")(trends_command)


def main() -> None:
    app()

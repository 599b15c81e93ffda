"""Entry point of the `cso` command."""

from __future__ import annotations

import click

from cso import __version__
from cso.cli.analyze import analyze
from cso.cli.policy import policy
from cso.cli.sample import sample
from cso.cli.simulate import simulate
from cso.cli.triage import triage_command
from cso.cli.web import demo, manage, serve


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="cso")
def cli() -> None:
    """Operations software for police Community Service Officer programs."""


cli.add_command(triage_command)
cli.add_command(policy)
cli.add_command(demo)
cli.add_command(serve)
cli.add_command(manage)
cli.add_command(sample)
cli.add_command(simulate)
cli.add_command(analyze)


def main() -> None:
    """Run the command line."""
    cli()


if __name__ == "__main__":
    main()

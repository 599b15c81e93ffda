"""`cso triage`: route one free-text call, or a JSON Lines batch, under an agency's policy."""

from __future__ import annotations

import gc
import json
import sys
from typing import IO, Any

import click

from cso.cli.errors import profile_or_exit
from cso.core.policy import PolicyError, load_profile
from cso.core.policy.profile import Profile
from cso.core.triage import triage
from cso.core.types import Call, Decision, ScreeningQuestion

ERR_NOT_JSON = "not valid JSON: {detail}"
ERR_NOT_OBJECT = "a line must be a JSON object"
ERR_EMPTY_LINE = "empty line"
ERR_NOT_UTF8 = "not UTF-8 text"
ERR_ID = "field 'id' must be a string"
ERR_TEXT_FIELD = "field '{field}' must be a string or null"
ERR_ANSWERS = "field 'answers' must be an object of {questions} with true/false values"
ERR_ANSWER_KEY = "field 'answers': unknown question {key!r}; expected one of {questions}"
ERR_ANSWER_VALUE = "field 'answers.{key}' must be true, false or null"
ERR_NO_AGENCY = "no agency: give --agency or an 'agency' field"
ERR_AGENCY = "field 'agency': {message}"

QUESTIONS = ", ".join(q.value for q in ScreeningQuestion)


class LineError(ValueError):
    """A batch line that cannot be triaged; the batch goes on."""


def _text_field(record: dict[str, Any], field: str) -> str | None:
    value = record.get(field)
    if value is not None and not isinstance(value, str):
        raise LineError(ERR_TEXT_FIELD.format(field=field))
    return value


def _answers(record: dict[str, Any]) -> dict[ScreeningQuestion, bool]:
    raw = record.get("answers")
    if raw is None:
        return {}
    if not isinstance(raw, dict):
        raise LineError(ERR_ANSWERS.format(questions=QUESTIONS))
    answers: dict[ScreeningQuestion, bool] = {}
    for key, value in raw.items():
        try:
            question = ScreeningQuestion(key)
        except ValueError:
            raise LineError(ERR_ANSWER_KEY.format(key=key, questions=QUESTIONS)) from None
        if value is None:
            continue
        if not isinstance(value, bool):
            raise LineError(ERR_ANSWER_VALUE.format(key=key))
        answers[question] = value
    return answers


def call_from_record(record: dict[str, Any]) -> Call:
    """Validate one batch record into a Call, or raise LineError saying which field is wrong."""
    return Call(
        call_type=_text_field(record, "call_type"),
        narrative=_text_field(record, "narrative"),
        answers=_answers(record),
    )


def _profile_for(record: dict[str, Any], default: Profile | None) -> Profile:
    agency = record.get("agency")
    if agency is None:
        if default is None:
            raise LineError(ERR_NO_AGENCY)
        return default
    if not isinstance(agency, str):
        raise LineError(ERR_AGENCY.format(message="must be a string"))
    try:
        return load_profile(agency)
    except PolicyError as error:
        raise LineError(ERR_AGENCY.format(message=error.message)) from None


def triage_line(line: str, number: int, default: Profile | None) -> dict[str, Any]:
    """The output object for one input line: a decision, or an error naming the line."""
    record_id: Any = None
    try:
        if not line.strip():
            raise LineError(ERR_EMPTY_LINE)
        try:
            record = json.loads(line)
        except json.JSONDecodeError as error:
            raise LineError(ERR_NOT_JSON.format(detail=error.msg)) from None
        if not isinstance(record, dict):
            raise LineError(ERR_NOT_OBJECT)
        record_id = record.get("id")
        if not isinstance(record_id, str):
            if record_id is not None:
                record_id = None
            raise LineError(ERR_ID)
        profile = _profile_for(record, default)
        decision = triage(call_from_record(record), profile)
    except LineError as error:
        failure: dict[str, Any] = {"line": number, "error": str(error)}
        if record_id is not None:
            failure = {"id": record_id, **failure}
        return failure
    return {"id": record_id, **decision.as_dict()}


def run_batch(source: IO[bytes], sink: IO[str], default: Profile | None) -> int:
    """Triage every line of a JSON Lines stream; the count of lines that erred."""
    # The policy, lexicon and alias maps live for the whole run: taking them out of the
    # collector's generations makes each collection during a long batch cheap. They go back
    # afterwards, so that the process can still free them at exit.
    gc.freeze()
    try:
        return _triage_lines(source, sink, default)
    finally:
        gc.unfreeze()


def _triage_lines(source: IO[bytes], sink: IO[str], default: Profile | None) -> int:
    errors = 0
    for number, raw in enumerate(source, start=1):
        try:
            line = raw.decode("utf-8").rstrip("\r\n")
        except UnicodeDecodeError:
            result: dict[str, Any] = {"line": number, "error": ERR_NOT_UTF8}
        else:
            result = triage_line(line, number, default)
        errors += "error" in result
        sink.write(json.dumps(result, ensure_ascii=False) + "\n")
    sink.flush()
    return errors


def describe(decision: Decision) -> str:
    """A decision in words, for a person at a terminal."""
    lines = [
        f"Route: {decision.route.value}",
        f"Incident type: {decision.incident_type} ({decision.category.value})",
    ]
    if decision.hazards:
        lines.append("Hazards: " + ", ".join(h.value for h in decision.hazards))
    lines.append("Why:")
    lines.extend(f"  - {reason}" for reason in decision.reasons)
    lines.append("Policy:")
    lines.extend(f"  - {ref}" for ref in decision.policy_refs)
    return "\n".join(lines)


@click.command("triage")
@click.argument("text", required=False)
@click.option("--agency", "agency", help="Agency profile id (see `cso policy list`).")
@click.option("--call-type", help="The call type string, for a single call.")
@click.option(
    "--input",
    "input_path",
    type=click.Path(allow_dash=True),
    help="JSON Lines of calls to triage ('-' for standard input).",
)
@click.option(
    "--output",
    "output_path",
    type=click.Path(allow_dash=True),
    default="-",
    show_default=True,
    help="Where the JSON Lines decisions go ('-' for standard output).",
)
def triage_command(
    text: str | None,
    agency: str | None,
    call_type: str | None,
    input_path: str | None,
    output_path: str,
) -> None:
    """Route a call to cso, cso_accompanied, sworn or refer, with reasons from the policy.

    Give the call as free TEXT, or a batch with --input: one JSON object a line,
    {"id", "agency"?, "call_type"?, "narrative"?, "answers"?}. The batch writes one
    JSON line per input line, in order; a bad line gets {"id", "line", "error"}
    and the exit status is 1.
    """
    default = profile_or_exit(agency) if agency else None
    if input_path is None:
        if default is None:
            raise click.UsageError("give --agency ID for a single call")
        if text is None and call_type is None:
            raise click.UsageError('give the call as text: cso triage --agency ID "what happened"')
        click.echo(describe(triage(Call(call_type=call_type, narrative=text), default)))
        return
    if text is not None:
        raise click.UsageError("give either TEXT or --input, not both")
    with (
        click.open_file(input_path, "rb") as source,
        click.open_file(output_path, "w", encoding="utf-8") as sink,
    ):
        errors = run_batch(source, sink, default)
    if errors:
        click.echo(f"{errors} line(s) could not be triaged; see their 'error' field.", err=True)
        sys.exit(1)

"""Mappings: the shipped ones fit their data sets, are found from the header, and read rows."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest

from cso.analytics.analysis import choose_mapping
from cso.analytics.errors import AnalyticsError
from cso.analytics.mapping import (
    ColumnMapping,
    call_from_row,
    detect_mapping,
    mapping_for_source,
    parse_mapping,
    shipped_mappings,
)
from cso.analytics.reader import open_export
from cso.core.policy import shipped_alias_maps
from cso.core.types import Call

FILES = {
    "burlington": Path("data", "burlington-vt-2022", "police-incidents-2022.csv"),
    "sacramento": Path("data", "sacramento-2019-01", "dispatch.csv"),
    "milwaukee": Path("data", "milwaukee-2018-05", "calls.csv"),
    "detroit": Path("data", "detroit-2019-demand", "calls_by_type.csv"),
    "vera": Path("data", "vera-call-types", "call_types.csv"),
}


def test_a_mapping_ships_for_each_real_data_set_naming_its_alias_map() -> None:
    mappings = shipped_mappings()
    assert list(mappings) == ["burlington", "detroit", "milwaukee", "sacramento", "vera"]
    for name, mapping in mappings.items():
        assert mapping.name == name
        assert mapping.aliases == name
        assert mapping.aliases in shipped_alias_maps()


@pytest.mark.parametrize("name", list(FILES))
def test_the_header_of_each_real_file_finds_its_mapping(name: str, shared_dir: Path) -> None:
    export = open_export(duckdb.connect(), shared_dir / FILES[name])
    mapping = detect_mapping(export.columns)
    assert mapping is not None
    assert mapping.name == name
    columns = set(mapping.columns.values()) | {flag for flag, _ in mapping.narrative_flags}
    assert columns <= set(export.columns)


def test_sacramento_reads_the_description_as_the_call_type() -> None:
    mapping = shipped_mappings()["sacramento"]
    row = {"Call_Type": "415", "Description": "DISTURBANCE-OTHER"}
    assert call_from_row(row, mapping) == Call(call_type="DISTURBANCE-OTHER")


def test_a_header_no_mapping_fits_gets_none() -> None:
    assert detect_mapping(("when", "what")) is None
    assert detect_mapping(("call_type", "calls")) is None


def test_flags_override_the_detected_mapping_field_by_field(shared_dir: Path) -> None:
    export = open_export(duckdb.connect(), shared_dir / FILES["burlington"])
    mapping, overridden = choose_mapping(export, None, None, {"district": "WARD", "time": None})
    assert mapping.name == "burlington"
    assert mapping.column("district") == "WARD"
    assert mapping.column("time") == "call_time"
    assert overridden == frozenset({"district"})


def test_every_alias_map_is_a_source() -> None:
    for name in shipped_alias_maps():
        assert mapping_for_source(name).aliases == name
    assert mapping_for_source("burlington").column("type") == "call_type"


def test_a_narrative_column_and_flags_read_together() -> None:
    mapping = ColumnMapping(
        columns={"type": "t", "narrative": "n"},
        narrative_flags=(("weapon", "weapon involved"), ("drugs", "drugs involved")),
        flag_values=("1", "Y"),
    )
    assert call_from_row({"t": "", "n": "", "weapon": "0", "drugs": "0"}, mapping) == Call()
    assert call_from_row({"t": "Noise", "n": "loud", "weapon": "Y", "drugs": "1"}, mapping) == Call(
        call_type="Noise", narrative="loud; weapon involved; drugs involved"
    )


def test_a_mapping_file_is_validated() -> None:
    text = (
        'name = "cad"\naliases = "milwaukee"\nmissing = ["NA", "-"]\n'
        '[columns]\ntype = "Nature"\ntime = "Received"\n'
        '[narrative_flags]\nweapon = "weapon involved"\n'
    )
    mapping = parse_mapping(text, "cad.toml", origin="mapping cad.toml")
    assert mapping.name == "cad"
    assert mapping.aliases == "milwaukee"
    assert dict(mapping.columns) == {"type": "Nature", "time": "Received"}
    assert mapping.narrative_flags == (("weapon", "weapon involved"),)
    assert mapping.missing == ("NA", "-")
    with pytest.raises(AnalyticsError) as raised:
        parse_mapping('missing = "NA"\n', "cad.toml", origin="x")
    assert str(raised.value) == "cad.toml: missing: must be a list of strings"

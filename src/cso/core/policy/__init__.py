"""Agency policy as data: the incident catalogue, alias maps and agency profiles."""

from cso.core.policy.aliases import AliasEntry, AliasMap, load_alias_file
from cso.core.policy.catalogue import Catalogue, IncidentType, load_catalogue
from cso.core.policy.errors import PolicyError
from cso.core.policy.loader import (
    available_profiles,
    load_profile,
    load_profile_file,
    shipped_alias_maps,
)
from cso.core.policy.profile import Profile, Rule

__all__ = [
    "AliasEntry",
    "AliasMap",
    "Catalogue",
    "IncidentType",
    "PolicyError",
    "Profile",
    "Rule",
    "available_profiles",
    "load_alias_file",
    "load_catalogue",
    "load_profile",
    "load_profile_file",
    "shipped_alias_maps",
]

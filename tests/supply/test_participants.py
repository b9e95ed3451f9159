"""The participant registry: keys shown once, stored hashed, revocable, rotatable."""

import pytest
import sqlalchemy as sa

from aimaq.store import tables_participants as T
from aimaq.supply.participants import (
    AuthError,
    ParticipantError,
    Participants,
    Role,
    gln_is_valid,
)


@pytest.fixture
def reg(empty_store):
    return Participants(empty_store)


def test_gln_check_digit():
    # GS1 General Specifications 7.9: mod-10 check digit with weights 3 and 1 from the right
    assert gln_is_valid("4600000000015")
    assert gln_is_valid("0614141000005")  # a GLN from GS1's own examples
    assert not gln_is_valid("0614141000006")
    assert not gln_is_valid("460000000001")  # 12 digits
    assert not gln_is_valid("46000000000A5")


def test_key_shown_once_and_stored_hashed(reg, empty_store):
    issued = reg.add("Dairy LLP", "processor", region="Kostanay", glns=["4600000000015"])
    assert issued.key.startswith(f"aimaq_{issued.key_id}.")
    p = issued.participant
    assert (p.role, p.region, p.glns) == (Role.PROCESSOR, "KZ-39", ("4600000000015",))
    with empty_store.engine.connect() as conn:
        stored = conn.execute(sa.select(T.api_keys.c.hash)).scalar_one()
    secret = issued.key.split(".", 1)[1]
    assert secret not in stored and stored.startswith("$argon2id$")
    assert reg.authenticate(issued.key) == p
    assert reg.keys(p.id)[0]["last_used_at"] is not None


def test_revoke_and_rotate(reg):
    first = reg.add("Retail", "retailer")
    assert reg.revoke("Retail") == 1
    with pytest.raises(AuthError, match="revoked"):
        reg.authenticate(first.key)
    second = reg.rotate(first.participant.id)
    assert reg.authenticate(second.key).name == "Retail"
    third = reg.rotate("Retail")
    with pytest.raises(AuthError, match="revoked"):
        reg.authenticate(second.key)
    assert reg.authenticate(third.key).name == "Retail"
    assert [k["revoked_at"] is None for k in reg.keys("Retail")] == [False, False, True]


@pytest.mark.parametrize(
    "key, reason",
    [
        ("", "malformed"),
        ("Bearer nonsense", "malformed"),
        ("aimaq_000000000000." + "A" * 43, "unknown"),
    ],
)
def test_bad_keys(reg, key, reason):
    reg.add("Farm", "producer")
    with pytest.raises(AuthError, match=reason):
        reg.authenticate(key)


def test_wrong_secret(reg):
    issued = reg.add("Farm", "producer")
    forged = issued.key[:-2] + ("AA" if not issued.key.endswith("AA") else "BB")
    with pytest.raises(AuthError, match="wrong secret"):
        reg.authenticate(forged)


@pytest.mark.parametrize(
    "kwargs, field",
    [
        ({"name": "", "role": "producer"}, "name"),
        ({"name": "A", "role": "pirate"}, "role"),
        ({"name": "A", "role": "producer", "region": "Atlantis"}, "region"),
        ({"name": "A", "role": "producer", "glns": ["4600000000016"]}, "gln"),
        ({"name": "A", "role": "producer", "gs1_prefix": "12"}, "gs1_prefix"),
    ],
)
def test_refusals_name_the_field_and_write_nothing(reg, kwargs, field):
    with pytest.raises(ParticipantError, match=f"^{field}:"):
        reg.add(**kwargs)
    assert reg.list() == []


def test_names_and_glns_are_unique(reg):
    reg.add("Farm", "producer", glns=["4600000000015"])
    with pytest.raises(ParticipantError, match="exists already"):
        reg.add("Farm", "retailer")
    with pytest.raises(ParticipantError, match="another participant"):
        reg.add("Shop", "retailer", glns=["4600000000015"])
    assert [p.name for p in reg.list()] == ["Farm"]
    assert reg.owner_of("4600000000015").name == "Farm"
    assert reg.owner_of("0614141000005") is None

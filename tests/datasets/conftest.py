"""A store with the bundled data, shared by the datasets tests."""

import pytest

from aimaq import open_store


@pytest.fixture(scope="session")
def store(tmp_path_factory):
    st = open_store(tmp_path_factory.mktemp("datasets") / "aimaq.sqlite")
    yield st
    st.dispose()

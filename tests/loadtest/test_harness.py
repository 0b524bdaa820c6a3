"""The load harness's own pieces: the one target it loads, the forms it sends, the write check
and the report (the load itself runs with `make loadtest`, not in the suite)."""

from __future__ import annotations

import os
import runpy
from pathlib import Path

import pytest
from sqlalchemy import select

from icc_network.extensions import db
from icc_network.rumours.models import Sighting
from icc_network.rumours.services.sightings import scrub
from loadtest import run as runner
from loadtest.common import (
    Plan,
    PlanPage,
    TargetRefused,
    check_host,
    check_target,
    marker,
    marker_prefix,
    new_run_id,
    sighting_form,
    sign_in_form,
)
from loadtest.report import FLOOR, check_writes, page_table, percentile, rss_lines, summarise
from loadtest.server import app_environment, free_port, rss_kb

from .. import factories as core
from ..rumours import factories as rumours

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize("host", ["10.0.0.1", "192.168.1.10", "8.8.8.8", "localhost", "0.0.0.0",
                                  "127.0.0.2", "::1", "example.org", ""])
def test_only_127_0_0_1_is_a_target(host):
    with pytest.raises(TargetRefused):
        check_host(host)
    assert check_host("127.0.0.1") == "127.0.0.1"


@pytest.mark.parametrize("url", ["http://10.0.0.1:8000", "https://127.0.0.1:8000", "http://127.0.0.1",
                                 "http://localhost:8000", "http://user:pw@127.0.0.1:8000",
                                 "http://127.0.0.1:8000/elsewhere", "http://127.0.0.1.example.org:80"])
def test_locust_refuses_any_other_base_url(url):
    with pytest.raises(TargetRefused):
        check_target(url)
    assert check_target("http://127.0.0.1:8123/") == "http://127.0.0.1:8123"


def test_the_runner_refuses_another_host_before_starting_anything(capsys):
    with pytest.raises(SystemExit) as stopped:
        runner.main(["--host", "10.1.2.3", "--scale", "small"])
    assert stopped.value.code == 2
    assert "only ever sent to 127.0.0.1" in capsys.readouterr().err
    with pytest.raises(TargetRefused):
        free_port("0.0.0.0")


def test_markers_are_unique_and_survive_the_scrubbing_of_phone_numbers():
    run_id = new_run_id()
    words = {marker(run_id, writer, seq) for writer in (0, 7, 12345) for seq in (0, 99, 123456789)}
    assert len(words) == 9
    for word in words:
        assert scrub(word) == word and word.startswith(marker_prefix(run_id))
    assert run_id.isalpha() and new_run_id() != run_id


def test_the_writers_form_is_accepted_and_found_again(make_client):
    """The sign-in and sighting forms the writers send, through the real pages."""
    known = rumours.rumour(status="catalogued")
    partner = core.user("partner", locale="fr")
    db.session.commit()
    client = make_client()
    login_page = client.get("/login").get_data(as_text=True)
    signed_in = client.post("/login", data=sign_in_form(login_page, partner.email, core.PASSWORD))
    assert signed_in.status_code == 302 and "/login" not in signed_in.headers["Location"]
    run_id = new_run_id()
    for seq in range(2):
        page = client.get(f"/sightings/new?rumour={known.id}").get_data(as_text=True)
        sent = client.post("/sightings/new", data=sighting_form(page, known.id, marker(run_id, 3, seq)))
        assert sent.status_code == 302 and sent.headers["Location"].endswith("/sightings/new")
    assert sorted(runner.stored_markers(run_id)) == [marker(run_id, 3, 0), marker(run_id, 3, 1)]
    assert runner.stored_markers(new_run_id()) == []
    assert db.session.scalar(select(Sighting.rumour_id).limit(1)) == known.id


def test_a_form_sent_twice_with_its_key_records_once(make_client):
    known = rumours.rumour(status="catalogued")
    partner = core.user("partner")
    db.session.commit()
    client = make_client()
    client.post("/login", data=sign_in_form(client.get("/login").get_data(as_text=True),
                                            partner.email, core.PASSWORD))
    run_id = new_run_id()
    page = client.get(f"/sightings/new?rumour={known.id}").get_data(as_text=True)
    body = sighting_form(page, known.id, marker(run_id, 0, 0))
    assert body["submission_key"] and body["csrf_token"]
    assert [client.post("/sightings/new", data=body).status_code for _ in range(2)] == [302, 302]
    assert runner.stored_markers(run_id) == [marker(run_id, 0, 0)]


def test_the_write_check_finds_lost_repeated_and_unconfirmed_writes():
    check = check_writes(["a", "b", "c", "c"], ["a", "c", "z"])
    assert (check.accepted, check.found) == (3, 2)
    assert check.lost == ["b"] and check.repeated == ["c"] and check.unconfirmed == ["z"]
    assert not check.ok
    assert check_writes(["a", "b"], ["b", "a"]).ok
    assert check_writes([], []).ok


def test_throughput_and_percentiles_per_page():
    samples = {"from": 100.0, "to": 110.0,
               "times": {FLOOR: [1.0] * 900 + [5.0] * 100, "rumour list": list(range(1, 101))},
               "failures": {"rumour list": {"500": 2}, "[sign in]": {"refused": 1}}}
    page, floor, sign_in = summarise(samples, {"rumour list": "coordinator", "dashboard": "x"})
    assert (floor.requests, floor.per_second, floor.p50, floor.p99) == (1000, 100.0, 1.0, 5.0)
    assert (page.role, page.per_second, page.p50, page.p95, page.failures) == (
        "coordinator", 10.0, 51, 95, 2)
    assert (sign_in.requests, sign_in.failures) == (0, 1)
    table = page_table([floor, page], floor)
    assert table[2].startswith("| floor: /healthz | anonymous | 1000 | 0 | 100.0 |")
    assert table[3] == "| rumour list | coordinator | 100 | 2 | 10.0 | 51.0 | 95.0 | 99.0 | 10% |"
    assert page_table([page], None)[2] == "| rumour list | coordinator | 100 | 2 | 10.0 | 51.0 | 95.0 | 99.0 |"
    assert percentile([], 0.95) == 0.0


def test_memory_is_read_from_proc_and_reported_per_process():
    assert rss_kb(os.getpid()) > 1000
    assert rss_kb(2**22 + 1) == 0  # beyond pid_max: gone
    lines = rss_lines({"gunicorn worker 12": (100 * 1024, 110 * 1024)})
    assert lines[2] == "| gunicorn worker 12 | 100.0 MB | 110.0 MB | +10.0 MB (+10.0%) |"


def test_the_plan_travels_to_locust_unchanged(tmp_path):
    plan = Plan(run_id="abc", password="pw", accounts={"partner": ["p@x.example"]},
                pages=[PlanPage(FLOOR, "/healthz", None), PlanPage("kit index", "/kit", "partner")],
                rumours=[3, 4], accepted_path=str(tmp_path / "accepted.txt"))
    plan.save(tmp_path / "plan.json")
    assert Plan.load(tmp_path / "plan.json") == plan
    assert Plan.load(tmp_path / "plan.json").page("kit index").role == "partner"


def test_the_server_runs_in_production_on_loopback_only():
    env = app_environment("sqlite:////tmp/x.sqlite", 8123, "redis://127.0.0.1:6380/0")
    assert env["ICC_ENV"] == "production" and len(env["SECRET_KEY"]) >= 32
    assert env["PUBLIC_URL"] == "http://127.0.0.1:8123"


def test_gunicorn_settings_follow_the_cores_and_the_environment(monkeypatch):
    monkeypatch.delenv("WEB_CONCURRENCY", raising=False)
    monkeypatch.delenv("GUNICORN_BIND", raising=False)
    settings = runpy.run_path(str(ROOT / "gunicorn.conf.py"))
    assert settings["bind"] == "127.0.0.1:8000" and settings["worker_class"] == "sync"
    assert settings["workers"] == 2 * len(os.sched_getaffinity(0))
    assert settings["wsgi_app"] == "icc_network:create_app()" and settings["max_requests"] == 0
    monkeypatch.setenv("WEB_CONCURRENCY", "3")
    assert runpy.run_path(str(ROOT / "gunicorn.conf.py"))["workers"] == 3

"""End to end through the Dagster UI, as a person would use it.

`dagster dev` runs from the project root on a free port of 127.0.0.1 with a
temporary DAGSTER_HOME (the project's dagster.yaml copied in), warehouse and
copy of raw/. Headless Chromium (Debian's /usr/bin/chromium, driven by the
`playwright` package; no browser is ever downloaded) opens the asset graph,
clicks "Materialize all", follows the run until it succeeds, and the warehouse
then holds the star schema. Screenshots and the server log go to
tests/artifacts/ (git-ignored).

Without /usr/bin/chromium the test is skipped: `bash scripts/install_browser.sh`.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import duckdb
import pytest
from playwright.sync_api import Page, expect, sync_playwright

PROJECT_ROOT = Path(__file__).resolve().parents[2]
SAMPLE_RAW = PROJECT_ROOT / "raw"
ARTIFACTS = PROJECT_ROOT / "tests" / "artifacts"

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]

SERVER_START_TIMEOUT = 180.0  # s until the webserver answers, the code location is loaded and the daemon is up
SERVER_STOP_TIMEOUT = 60.0  # s for `dagster dev` to shut down on SIGINT before the group is killed
RUN_TIMEOUT = 900.0  # s for the whole materialisation: 3-4 min on an idle 2-core machine, 10 when busy
UI_TIMEOUT_MS = 60_000  # one UI step: a page to load, an element to appear
VIEWPORT = {"width": 1600, "height": 1400}  # tall enough for the expanded asset graph to fit

GROUPS = ["ingest", "extract", "warehouse", "reports"]
# Assets that must be in the catalog under their full names (a subset of the graph).
EXPECTED_ASSETS = [
    "raw_articles",
    "article_extractions",
    "actors",
    "dim_article",
    "dim_actor",
    "fact_meeting",
    "fact_agreement",
    "fact_funding",
    "analysis_views",
]
# The expanded graph middle-truncates long names ("artic…_extractions"); these are drawn whole.
ASSETS_DRAWN_WHOLE = ["raw_articles", "actors", "dim_article", "fact_meeting", "fact_funding", "analysis_views"]

WORKSPACE_QUERY = """
query {
  workspaceOrError {
    __typename
    ... on Workspace {
      locationEntries {
        name
        loadStatus
        locationOrLoadError { __typename ... on PythonError { message } }
      }
    }
  }
  instance { daemonHealth { allDaemonStatuses { daemonType required healthy } } }
}
"""
RUN_QUERY = """
query Run($runId: ID!) {
  runOrError(runId: $runId) {
    __typename
    ... on Run { runId status }
    ... on PythonError { message }
  }
}
"""
RUNS_QUERY = "query { runsOrError { __typename ... on Runs { results { runId status } } } }"
RUN_EVENTS_QUERY = """
query RunEvents($runId: ID!) {
  logsForRun(runId: $runId) {
    __typename
    ... on EventConnection {
      events {
        __typename
        ... on MessageEvent { message stepKey }
        ... on ExecutionStepFailureEvent { error { message } }
        ... on RunFailureEvent { error { message } }
        ... on EngineEvent { error { message } }
      }
    }
  }
}
"""
TERMINAL_STATUSES = {"SUCCESS", "FAILURE", "CANCELED"}


# --- the server ----------------------------------------------------------------------------------------------


@dataclass
class DagsterServer:
    url: str
    process: subprocess.Popen[bytes]
    raw_dir: Path
    warehouse: Path
    log_path: Path

    def graphql(self, query: str, variables: dict[str, object] | None = None, timeout: float = 30.0) -> dict:
        """POST to Dagster's GraphQL API; return `data`, raise on GraphQL errors."""
        request = urllib.request.Request(
            f"{self.url}/graphql",
            data=json.dumps({"query": query, "variables": variables or {}}).encode(),
            headers={"Content-Type": "application/json"},
            method="POST",
        )
        with urllib.request.urlopen(request, timeout=timeout) as response:
            payload = json.load(response)
        if payload.get("errors"):
            raise RuntimeError(f"GraphQL errors: {payload['errors']}")
        return payload["data"]

    def log_tail(self, lines: int = 60) -> str:
        try:
            return "\n".join(self.log_path.read_text(errors="replace").splitlines()[-lines:])
        except OSError as exc:
            return f"(no server log: {exc})"


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def dagster_command() -> str:
    beside_python = Path(sys.executable).parent / "dagster"
    found = str(beside_python) if beside_python.exists() else shutil.which("dagster")
    if not found:
        pytest.fail("the `dagster` command is not installed in this environment (run `uv sync`)")
    return found


def _restore_default_signals() -> None:
    # A shell that starts pytest in the background leaves SIGINT ignored, and `dagster dev` maps SIGTERM to
    # the SIGINT handler: it would then ignore both and never shut down.
    signal.signal(signal.SIGINT, signal.SIG_DFL)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)


def wait_until_ready(server: DagsterServer, timeout: float) -> None:
    """Poll /server_info, then GraphQL, until the code location is loaded and the run queue's daemon is healthy."""
    deadline = time.monotonic() + timeout
    last = "no answer yet"
    while time.monotonic() < deadline:
        if server.process.poll() is not None:
            raise RuntimeError(f"`dagster dev` exited early with code {server.process.returncode}")
        try:
            with urllib.request.urlopen(f"{server.url}/server_info", timeout=5) as response:
                json.load(response)
            data = server.graphql(WORKSPACE_QUERY, timeout=10)
            entries = data["workspaceOrError"].get("locationEntries") or []
            errors = [
                f"{e['name']}: {e['locationOrLoadError'].get('message', '').strip()}"
                for e in entries
                if (e["locationOrLoadError"] or {}).get("__typename") == "PythonError"
            ]
            if errors:
                raise RuntimeError("the code location failed to load: " + "; ".join(errors))
            daemons = {d["daemonType"]: d["healthy"] for d in data["instance"]["daemonHealth"]["allDaemonStatuses"]}
            loaded = bool(entries) and all(e["loadStatus"] == "LOADED" for e in entries)
            if loaded and daemons.get("QUEUED_RUN_COORDINATOR"):
                return
            last = f"code locations {[(e['name'], e['loadStatus']) for e in entries]}, daemons {daemons}"
        except (OSError, ValueError, KeyError, TypeError) as exc:  # not up yet (connection refused, 502, ...)
            last = repr(exc)
        time.sleep(1.0)
    raise TimeoutError(f"`dagster dev` was not ready within {timeout:.0f}s (last: {last})")


def stop_process_group(process: subprocess.Popen[bytes], timeout: float) -> None:
    """Ctrl-C the server's whole process group (webserver, daemon, code servers, run workers), as a terminal
    would; SIGKILL whatever of the group is left after `timeout` seconds."""
    pgid = process.pid  # start_new_session: the server leads its own group
    try:
        os.killpg(pgid, signal.SIGINT)
    except ProcessLookupError:
        return
    try:
        process.wait(timeout=timeout)
    except subprocess.TimeoutExpired:
        print(f"[e2e] dagster dev did not stop within {timeout:.0f}s of SIGINT; killing its process group")
    deadline = time.monotonic() + 15.0
    while time.monotonic() < deadline:  # whatever is left of the group (a code server, a run worker) goes too
        try:
            os.killpg(pgid, signal.SIGKILL)
        except ProcessLookupError:
            break
        time.sleep(0.2)
    if process.poll() is None:
        process.wait(timeout=10)


@pytest.fixture
def chromium_path() -> Path:
    if not CHROMIUM.exists():
        pytest.skip(
            f"Chromium is not installed ({CHROMIUM} is missing); the Dagster UI test drives Debian's chromium. "
            "Install it with `bash scripts/install_browser.sh` (as root: apt-get update && apt-get install -y chromium)"
        )
    return CHROMIUM


@pytest.fixture
def artifacts_dir() -> Path:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    return ARTIFACTS


@pytest.fixture
def dagster_server(tmp_path: Path, chromium_path: Path, artifacts_dir: Path) -> Iterator[DagsterServer]:
    """`dagster dev` on 127.0.0.1:<free port> against a temporary DAGSTER_HOME, warehouse and copy of raw/.
    Asks for chromium_path first so that a machine without Chromium skips before starting anything."""
    home = tmp_path / "dagster_home"
    home.mkdir()
    shutil.copy2(PROJECT_ROOT / "dagster.yaml", home / "dagster.yaml")
    raw_dir = tmp_path / "raw"
    shutil.copytree(SAMPLE_RAW, raw_dir, ignore=shutil.ignore_patterns(".*"))
    warehouse = tmp_path / "warehouse" / "communique.duckdb"
    warehouse.parent.mkdir()
    log_path = tmp_path / "dagster_dev.log"
    port = free_port()
    env = {
        **os.environ,
        "DAGSTER_HOME": str(home),
        "COMMUNIQUE_RAW_DIR": str(raw_dir),
        "COMMUNIQUE_WAREHOUSE": str(warehouse),
        "PYTHONUNBUFFERED": "1",
    }
    with open(log_path, "wb") as log:
        process = subprocess.Popen(
            [dagster_command(), "dev", "--host", "127.0.0.1", "--port", str(port)],
            cwd=PROJECT_ROOT,
            env=env,
            stdin=subprocess.DEVNULL,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,  # its own process group, torn down as a whole
            preexec_fn=_restore_default_signals,
        )
    server = DagsterServer(f"http://127.0.0.1:{port}", process, raw_dir, warehouse, log_path)
    try:
        started = time.monotonic()
        try:
            wait_until_ready(server, SERVER_START_TIMEOUT)
        except (RuntimeError, TimeoutError) as exc:
            pytest.fail(f"{exc}\n--- dagster dev log (tail) ---\n{server.log_tail()}")
        print(f"\n[e2e] dagster dev ready on {server.url} after {time.monotonic() - started:.0f}s")
        yield server
    finally:
        stopping = time.monotonic()
        stop_process_group(process, SERVER_STOP_TIMEOUT)
        print(f"[e2e] dagster dev stopped in {time.monotonic() - stopping:.0f}s")
        if log_path.exists():
            shutil.copy2(log_path, artifacts_dir / "dagster_dev.log")


# --- the UI --------------------------------------------------------------------------------------------------


def skip_community_dialog(page: Page) -> None:
    """`dagster dev` on 127.0.0.1 may greet with a newsletter dialog: press its "Skip" whenever it is in the way."""
    dialog = page.get_by_role("dialog").filter(has_text="Join the Dagster community")
    page.add_locator_handler(dialog, lambda: dialog.get_by_role("button", name="Skip").click())


def open_expanded_asset_graph(page: Page, url: str) -> None:
    """Open the global lineage and choose "Expand all groups" from the canvas's context menu. Use a fresh
    browser context: the UI remembers expanded groups, and then the spot clicked below may hold an asset."""
    page.goto(f"{url}/asset-groups", wait_until="domcontentloaded")
    expect(page.get_by_text("Global asset lineage")).to_be_visible()
    materialize = page.get_by_role("button", name="Materialize all")
    expect(materialize).to_be_enabled()
    for group in GROUPS:
        expect(page.get_by_title(group, exact=True).first).to_be_visible()  # the sidebar tree of groups
    box = materialize.bounding_box()
    assert box is not None
    menu_item = page.get_by_role("menuitem", name=re.compile(r"(Expand|Collapse) all groups"))
    # An empty spot of the canvas: left of the zoom controls, below the collapsed groups (drawn mid-height).
    x, y = box["x"] - 200, VIEWPORT["height"] - 150
    for _ in range(3):
        page.mouse.click(x, y, button="right")
        try:
            expect(menu_item).to_be_visible(timeout=5_000)
        except AssertionError:
            page.keyboard.press("Escape")
            y -= 100
            continue
        if "Collapse" in menu_item.inner_text():
            page.keyboard.press("Escape")  # already expanded
        else:
            menu_item.click()
        for name in ASSETS_DRAWN_WHOLE:
            expect(page.get_by_text(name, exact=True).first).to_be_visible()
        page.mouse.move(box["x"] - 400, box["y"] - 30)  # off the graph: no hover highlight in the screenshot
        page.wait_for_timeout(1000)  # let the layout animation settle
        return
    raise AssertionError("the asset graph's canvas offered no 'Expand all groups' menu item")


def launch_run_from_ui(page: Page, server: DagsterServer) -> str:
    """Click "Materialize all", confirm a dialog if one asks, follow the toast to the run; return the run id."""
    page.get_by_role("button", name="Materialize all").click()
    launched = page.get_by_text(re.compile(r"Launched run"))
    confirm = page.get_by_role("dialog").get_by_role(
        "button", name=re.compile(r"^(Launch|Materialize|Confirm|Continue)", re.IGNORECASE)
    )
    deadline = time.monotonic() + 60
    while not launched.first.is_visible():
        if time.monotonic() > deadline:
            raise AssertionError("no 'Launched run' toast within 60s of clicking 'Materialize all'")
        if confirm.first.is_visible():
            print(f"[e2e] confirming the dialog's {confirm.first.inner_text()!r}")
            confirm.first.click()
        page.wait_for_timeout(250)
    print(f"[e2e] toast: {launched.first.inner_text()!r}")
    toast = page.locator("div", has=launched).filter(has=page.get_by_role("link", name="View", exact=True)).last
    try:
        toast.get_by_role("link", name="View", exact=True).click(timeout=10_000)
        page.wait_for_url(re.compile(r"/runs/[0-9a-f-]{36}"), timeout=UI_TIMEOUT_MS)
    except Exception as exc:  # the toast went away: find the run (the instance's only one) and open it
        print(f"[e2e] could not follow the toast ({exc!r}); opening the run from the API")
        runs = server.graphql(RUNS_QUERY)["runsOrError"]["results"]
        assert len(runs) == 1, runs
        page.goto(f"{server.url}/runs/{runs[0]['runId']}", wait_until="domcontentloaded")
    match = re.search(r"/runs/([0-9a-f-]{36})", page.url)
    assert match, f"not on a run page: {page.url}"
    return match.group(1)


def wait_for_run(server: DagsterServer, run_id: str, timeout: float) -> str:
    """Poll the run's status over GraphQL until it ends; return it."""
    deadline = time.monotonic() + timeout
    status, last_print = "UNKNOWN", 0.0
    while time.monotonic() < deadline:
        result = server.graphql(RUN_QUERY, {"runId": run_id})["runOrError"]
        assert result["__typename"] == "Run", f"run {run_id} not found: {result}"
        status = result["status"]
        if status in TERMINAL_STATUSES:
            return status
        if time.monotonic() - last_print >= 30:
            print(f"[e2e] run {run_id[:8]} {status}")
            last_print = time.monotonic()
        time.sleep(3.0)
    raise TimeoutError(f"run {run_id} still {status} after {timeout:.0f}s (QUEUED means the daemon never took it)")


def run_failures(server: DagsterServer, run_id: str) -> str:
    try:
        events = server.graphql(RUN_EVENTS_QUERY, {"runId": run_id})["logsForRun"].get("events", [])
    except Exception as exc:  # diagnostics only
        return f"(could not read the run's events: {exc!r})"
    lines = [
        f"{e['__typename']} {e.get('stepKey') or ''}: {e.get('message')} {(e.get('error') or {}).get('message', '')}"
        for e in events
        if e["__typename"] in ("ExecutionStepFailureEvent", "RunFailureEvent") or e.get("error")
    ]
    return "\n".join(lines) or "(no failure events)"


def count_rows(warehouse: Path, tables: list[str], wait: float = 30.0) -> dict[str, int]:
    """Row counts, read-only; retries while the run's last writer still holds DuckDB's lock."""
    deadline = time.monotonic() + wait
    while True:
        try:
            with duckdb.connect(str(warehouse), read_only=True) as con:
                return {t: con.execute(f'SELECT count(*) FROM "{t}"').fetchone()[0] for t in tables}
        except duckdb.IOException:
            if time.monotonic() > deadline:
                raise
            time.sleep(1.0)


def sample_articles(raw_dir: Path) -> list[Path]:
    """The .txt sample articles, subfolders included (hidden files are not copied)."""
    return [p for p in raw_dir.rglob("*.txt") if not any(part.startswith(".") for part in p.relative_to(raw_dir).parts)]


# --- the test ------------------------------------------------------------------------------------------------


@pytest.mark.e2e
def test_materialize_all_from_the_ui(dagster_server: DagsterServer, chromium_path: Path, artifacts_dir: Path) -> None:
    server = dagster_server
    started = time.monotonic()
    server.graphql("mutation { setNuxSeen }")  # what the newsletter dialog's "Skip" does: keep it out of the way

    expect.set_options(timeout=UI_TIMEOUT_MS)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(chromium_path), args=CHROMIUM_ARGS, headless=True)

        def new_page() -> Page:
            context = browser.new_context(viewport=VIEWPORT)
            context.set_default_timeout(UI_TIMEOUT_MS)
            page = context.new_page()
            skip_community_dialog(page)
            return page

        page = new_page()

        def fail(message: str) -> None:
            try:
                page.screenshot(path=str(artifacts_dir / "dagster_failure.png"))
                message += f"\n(screenshot of {page.url}: {artifacts_dir / 'dagster_failure.png'})"
            except Exception as exc:  # diagnostics only
                message += f"\n(no screenshot: {exc!r})"
            pytest.fail(f"{message}\n--- dagster dev log (tail) ---\n{server.log_tail()}")

        try:
            # 1. The asset graph, groups expanded, before anything ran.
            open_expanded_asset_graph(page, server.url)
            page.screenshot(path=str(artifacts_dir / "dagster_asset_graph.png"))

            # 2. The catalog lists the assets under their full names.
            page.goto(f"{server.url}/assets", wait_until="domcontentloaded")
            for name in EXPECTED_ASSETS:
                # A link holding the (middle-truncatable) name, whose full text is its title.
                link = page.get_by_role("link").filter(has=page.get_by_title(name, exact=True))
                expect(link.first).to_be_visible()

            # 3. "Materialize all" from the graph, then on to the run's page.
            page.goto(f"{server.url}/asset-groups", wait_until="domcontentloaded")
            run_id = launch_run_from_ui(page, server)
            print(f"[e2e] launched run {run_id} from the UI")
            expect(page.get_by_text(run_id[:8]).first).to_be_visible()

            # 4. Wait for the run to end, then see its success in the UI.
            try:
                status = wait_for_run(server, run_id, RUN_TIMEOUT)
            except TimeoutError as exc:
                fail(str(exc))
            if status != "SUCCESS":
                fail(f"run {run_id} ended {status}:\n{run_failures(server, run_id)}")
            print(f"[e2e] run {run_id[:8]} SUCCESS after {time.monotonic() - started:.0f}s")
            page.goto(f"{server.url}/runs/{run_id}", wait_until="domcontentloaded")
            expect(page.get_by_text("Success", exact=True).first).to_be_visible()
            expect(page.get_by_text("RUN_SUCCESS", exact=True).first).to_be_visible()
            page.wait_for_timeout(1000)  # let the Gantt chart draw
            page.screenshot(path=str(artifacts_dir / "dagster_run.png"))

            page.goto(f"{server.url}/runs", wait_until="domcontentloaded")
            expect(page.get_by_role("link", name=run_id[:8])).to_be_visible()  # named "run <id>" (icon + id)
            expect(page.get_by_text("Success", exact=True).first).to_be_visible()
            page.screenshot(path=str(artifacts_dir / "dagster_runs.png"))

            page.context.close()
            page = new_page()
            open_expanded_asset_graph(page, server.url)
            page.screenshot(path=str(artifacts_dir / "dagster_asset_graph_after_run.png"))
        except Exception as exc:  # pytest.fail above is no Exception: it already carries the diagnostics
            fail(f"{type(exc).__name__}: {exc}")
        finally:
            browser.close()

    # 5. The warehouse the UI's run wrote: one dim_article row per sample file; meetings and funding found.
    runs = server.graphql(RUNS_QUERY)["runsOrError"]["results"]
    assert [r["status"] for r in runs] == ["SUCCESS"], runs
    counts = count_rows(server.warehouse, ["dim_article", "fact_meeting", "fact_funding", "quarantine"])
    print(f"[e2e] warehouse: {counts}; {time.monotonic() - started:.0f}s since the server was ready")
    n_samples = len(sample_articles(SAMPLE_RAW))
    assert n_samples > 0
    assert len(sample_articles(server.raw_dir)) == n_samples
    assert counts["dim_article"] == n_samples, counts
    assert counts["fact_meeting"] > 0, counts
    assert counts["fact_funding"] > 0, counts

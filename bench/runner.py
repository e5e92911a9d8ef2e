"""The order of the bench's phases, and what each contributes to the table."""

import json
import logging
import shutil
import tempfile
import time

import redis

from bench import (
    admin_timing,
    databases,
    dataset,
    environment,
    export_timing,
    jpki_verify,
    load_plan,
    paths,
    receipt_timing,
    report,
    seed,
    web,
)

logger = logging.getLogger("bench")

# The phases that read the seeded databases; the JPKI one brings its own data.
DATA_PHASES = {"load", "export", "admin", "receipt"}


def run(options, today):
    """Run every phase; return (table rows, facts) for the report."""
    paths.RESULTS.mkdir(parents=True, exist_ok=True)
    main_url = options.database_url
    template_url = databases.with_name(
        main_url, databases.name_of(main_url) + "_template"
    )
    facts = {}
    plan = dataset.Plan(
        contracts=options.contracts,
        applications=options.applications,
        accepted=max(options.export_sizes),
        drafts=options.drafts,
        today=today,
    )
    facts["main database"] = describe(plan)

    if not options.only & DATA_PHASES:
        facts["main database"] = "not needed by the phases run"
    elif options.reuse and _seeded_before(main_url, plan):
        # Other work may have added migrations since: bring both up to date.
        databases.migrate(template_url)
        databases.migrate(main_url)
        facts["main database"] += " (reused from the previous run)"
    else:
        started = time.perf_counter()
        databases.recreate(template_url)
        databases.migrate(template_url)
        facts["migrate template database"] = f"{time.perf_counter() - started:.1f} s"
        facts["seed main database (COPY)"] = seed_database(main_url, template_url, plan)
        _remember_seeded(main_url, plan)

    figures = []
    if "load" in options.only:
        figures += load_figures(options, main_url, plan)
        _forget_queued_tasks()
    if "export" in options.only:
        figures += export_figures(options, main_url, plan, facts)
    if "admin" in options.only:
        figures += admin_figures(options, main_url, template_url, today, facts)
    if "receipt" in options.only:
        figures += receipt_figures(options, main_url, facts)
        _forget_queued_tasks()
    if "jpki" in options.only:
        more, jpki_facts = jpki_verify.run(options.jpki_serials, options.jpki_repeat)
        figures += more
        facts.update(jpki_facts)
    return figures, facts


def describe(plan):
    """Return the sizes of a plan in one line."""
    return (
        f"{plan.contracts:,} contracts, {plan.applications:,} applications "
        f"({plan.accepted:,} accepted, {plan.drafts:,} complete drafts)"
    )


def seed_database(url, template_url, plan):
    """Create `url` from the template, COPY `plan` into it; return timing."""
    started = time.perf_counter()
    databases.recreate(url, template=template_url)
    cloned = time.perf_counter()
    with databases.connect(url) as conn:
        written = seed.seed(conn, plan)
    copied = time.perf_counter()
    databases.analyze(url)
    analyzed = time.perf_counter()
    rows = sum(written.values())
    logger.info("seeded %s: %d rows", databases.name_of(url), rows)
    return (
        f"{rows:,} rows in {copied - cloned:.1f} s "
        f"({rows / (copied - cloned):,.0f} rows/s, indexes rebuilt included); "
        f"clone {cloned - started:.1f} s, VACUUM ANALYZE {analyzed - copied:.1f} s"
    )


def load_figures(options, url, plan):
    """Run the load test on the main database; return its figures."""
    with databases.connect(url) as conn:
        plan_data = load_plan.build(conn, plan, options.status_users, options.drafts)
    plan_path = paths.RESULTS / "load-plan.json"
    load_plan.save(plan_data, plan_path)

    results = web.measure(
        environment.child_env(url),
        plan_path,
        options.load_users,
        options.load_seconds,
        paths.RESULTS,
    )
    for result in results.values():
        logger.info("%s", result)
    bare = results["bare"]
    figures = []
    for name, label in (("status", "status page"), ("submit", "submit step")):
        result = results[name]
        figures.append(
            report.Figure(
                f"{label} req/s",
                result.rps,
                bare.rps,
                "req/s",
                "bare view",
                ">= 0.5x",
                0.5,
                at_least=True,
            )
        )
        # Information for choosing a baseline: the same view behind the login.
        figures.append(
            report.Figure(
                f"{label} req/s vs signed-in bare view",
                result.rps,
                results["signed_in_bare"].rps,
                "req/s",
                "signed-in bare view",
            )
        )
        figures.append(
            report.Figure(
                f"{label} p50", result.p50_ms, bare.p50_ms, "ms", "bare view p50"
            )
        )
        figures.append(
            report.Figure(
                f"{label} p95", result.p95_ms, bare.p95_ms, "ms", "bare view p95"
            )
        )
    return figures


def export_figures(options, url, plan, facts):
    """Time the export at each size against COPY; return the figures."""
    runs = {}
    for size in options.export_sizes:
        runs[size] = export_timing.measure(
            url, plan, size, environment.child_env(url), options.repeat
        )
        logger.info("export of %d: %s", size, runs[size])
        facts[f"export file at {size:,}"] = f"{runs[size]['file_bytes']:,} bytes"
    figures = [
        report.Figure(
            f"export_legacy {size:,} accepted",
            run["seconds"],
            run["copy_seconds"],
            "s",
            "COPY same rows",
            "<= 5x",
            5.0,
        )
        for size, run in runs.items()
    ]
    small, large = min(runs), max(runs)
    if small != large:
        figures.append(
            report.Figure(
                f"export peak RSS at {large:,}",
                runs[large]["peak_rss_kib"] / 1024,
                runs[small]["peak_rss_kib"] / 1024,
                "MiB",
                f"at {small:,}",
                "<= 1.2x (flat)",
                1.2,
            )
        )
    for size, run in runs.items():
        facts[f"export RSS at {size:,}"] = (
            f"{run['peak_before_kib'] / 1024:.0f} MiB after Django start-up, "
            f"peak {run['peak_rss_kib'] / 1024:.0f} MiB"
        )
    return figures


def admin_figures(options, url, template_url, today, facts):
    """Time the changelist on a small database and on the main one."""
    small_url = databases.with_name(url, databases.name_of(url) + "_small")
    small = dataset.Plan(
        contracts=options.admin_small,
        applications=options.admin_small,
        accepted=0,
        drafts=0,
        today=today,
    )
    facts["admin baseline database"] = describe(small)
    facts["seed admin baseline database (COPY)"] = seed_database(
        small_url, template_url, small
    )
    baseline, measured = admin_timing.measure(
        [environment.child_env(small_url), environment.child_env(url)],
        options.repeat,
        "admin.log",
    )
    databases.drop(small_url)
    return [
        report.Figure(
            f"admin changelist at {measured['applications']:,}",
            measured["median_ms"],
            baseline["median_ms"],
            "ms",
            f"at {baseline['applications']:,}",
            "<= 2x",
            2.0,
        )
    ]


def receipt_figures(options, url, facts):
    """Time the receipt task against bare WeasyPrint; return the table rows."""
    media_root = tempfile.mkdtemp(prefix="bench-media-")
    try:
        run = receipt_timing.measure(
            url, environment.child_env(url), options.repeat, media_root
        )
    finally:
        shutil.rmtree(media_root, ignore_errors=True)
    figures = [
        report.Figure(
            "receipt task (median)",
            run["task_ms"],
            run["bare_ms"],
            "ms",
            "bare WeasyPrint",
            "<= 1.2x",
            1.2,
        ),
        report.Figure(
            "receipt PDF size",
            run["task_bytes"],
            run["bare_bytes"],
            "B",
            "bare WeasyPrint",
        ),
    ]
    figures.append(
        report.Limit("receipt PDF size", run["task_bytes"] / 1024, "KiB", 50)
    )
    facts["receipt HTML build (inside the task, not the baseline)"] = (
        f"{run['html_ms']:.0f} ms median over {run['count']} receipts"
    )
    return figures


def _seed_record(url, plan):
    return {
        "database": databases.name_of(url),
        "plan": describe(plan),
        "day": str(plan.today),
    }


def _seeded_before(url, plan):
    # Only a database seeded by this bench, with the same sizes on the same
    # day, is reused; the record is written once its seeding committed.
    record = paths.RESULTS / "seeded.json"
    return record.exists() and json.loads(record.read_text()) == _seed_record(url, plan)


def _remember_seeded(url, plan):
    (paths.RESULTS / "seeded.json").write_text(json.dumps(_seed_record(url, plan)))


def _forget_queued_tasks():
    # Submissions queue receipt and mail tasks that no worker here consumes;
    # the bench's Redis database is its own, so it is emptied, not drained.
    redis.Redis.from_url(environment.REDIS_URL).flushdb()


def publish(figures, facts, seconds, command):
    """Print the table and write it to bench/results/latest.txt."""
    lines = [report.table(figures), ""]
    lines += [f"{name}: {value}" for name, value in facts.items()]
    lines.append(f"bench took {seconds:.0f} s: {command}")
    text = "\n".join(lines)
    print(text)
    (paths.RESULTS / "latest.txt").write_text(text + "\n")

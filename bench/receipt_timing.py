"""Time the receipt task against bare WeasyPrint rendering of the same HTML.

The task (`render_receipt`, run in-process as the worker would) reads the
application, builds the HTML, renders it with the portal's settings and
stores the PDF. The baseline renders the same HTML with a plain
`weasyprint.HTML(string=...).write_pdf()`. Each application is owed a
receipt (its `receipt_pdf` is emptied first), so every task run does the
whole job; a warm-up of each kind runs first, as fonts load once per
process. A document renders quicker the second time, so the task and the
baseline take turns going first.
"""

import os
import statistics
import time

from psycopg import sql

from bench import child, databases
from kyosai_portal.applications.models import Application


def owe_receipts(url, count):
    """Empty the receipts of `count` submitted applications; return ids."""
    table = databases.table(Application)
    with databases.connect(url) as conn:
        ids = [
            pk
            for (pk,) in conn.execute(
                sql.SQL(
                    "SELECT id FROM {} WHERE status = 'submitted'"
                    " AND receipt_no IS NOT NULL ORDER BY id LIMIT %s"
                ).format(table),
                [count],
            )
        ]
        conn.execute(
            sql.SQL("UPDATE {} SET receipt_pdf = '' WHERE id = ANY(%s)").format(table),
            [ids],
        )
    return ids


def measure(url, env, repeat, media_root):
    """Return the medians and PDF sizes of the task and of bare WeasyPrint."""
    ids = owe_receipts(url, repeat + 1)
    if len(ids) < repeat + 1:
        raise RuntimeError("not enough submitted applications to time receipts")
    return child.run(
        "bench.receipt_timing",
        ids,
        dict(env, MEDIA_ROOT=str(media_root)),
        "receipt.log",
    )


def child_main(*ids):
    """Time the task and bare WeasyPrint per application; report medians."""
    import weasyprint

    from kyosai_portal.applications import receipts
    from kyosai_portal.applications.tasks import render_receipt

    ids = [int(pk) for pk in ids]
    warm_up, timed = ids[0], ids[1:]
    render_receipt(warm_up)
    weasyprint.HTML(string=receipts.build_receipt_html(_load(warm_up))).write_pdf()

    task_times, html_times, bare_times, task_sizes, bare_sizes = [], [], [], [], []

    def time_task(pk):
        started = time.perf_counter()
        render_receipt(pk)
        task_times.append(time.perf_counter() - started)
        application = _load(pk)
        if not application.receipt_pdf:
            raise RuntimeError("the receipt task stored no PDF")
        task_sizes.append(os.path.getsize(application.receipt_pdf.path))

    def time_bare(html):
        started = time.perf_counter()
        pdf = weasyprint.HTML(string=html).write_pdf()
        bare_times.append(time.perf_counter() - started)
        bare_sizes.append(len(pdf))

    for index, pk in enumerate(timed):
        started = time.perf_counter()
        html = receipts.build_receipt_html(_load(pk))
        html_times.append(time.perf_counter() - started)
        # Rendering a document again is quicker than the first time (text
        # shaping and font caches): each goes first for half the receipts.
        if index % 2:
            time_bare(html)
            time_task(pk)
        else:
            time_task(pk)
            time_bare(html)

    child.report(
        {
            "task_ms": statistics.median(task_times) * 1000,
            "bare_ms": statistics.median(bare_times) * 1000,
            "html_ms": statistics.median(html_times) * 1000,
            "task_bytes": max(task_sizes),
            "bare_bytes": max(bare_sizes),
            "count": len(timed),
        }
    )


def _load(pk):
    return Application.objects.select_related("holder", "contract", "agency").get(pk=pk)

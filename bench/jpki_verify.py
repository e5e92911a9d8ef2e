"""Time JPKI signature verification against a small and a huge CRL.

One test CA (the one the tests build) issues a signing card; the portal's
`verify_signature` (chain, profile, CRL look-up, RSA signature, facts)
is timed with a CRL of 10 revoked serials and with one of 1,000,000. The
look-up is a hash-set membership, so the two medians should agree within
1.2×. Loading the big CRL (parse, signature check, building the set) is
timed in a fresh process, whose peak memory is its own.

Run alone: `.venv/bin/python -m bench.jpki_verify [--serials N] [--repeat N]`.
"""

import argparse
import gc
import logging
import os
import statistics
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

from bench import child, report

SMALL_CRL = 10
RATIO_TARGET = 1.2


def run(serials=1_000_000, repeat=400):
    """Measure; return (figures, facts) for the bench report."""
    from auth_mynumber_gbiz.jpki.revocation import load_crl_store
    from auth_mynumber_gbiz.jpki.trust_store import load_trust_store
    from auth_mynumber_gbiz.jpki.verify import verify_signature
    from tests.jpki.card_authority import CardAuthority, crl_bytes

    authority = CardAuthority()
    card = authority.issue()
    data = b"bench: the canonical bytes of an application" * 4
    signature = card.sign(data)

    with tempfile.TemporaryDirectory(prefix="jpki-bench-") as scratch:
        scratch = Path(scratch)
        ca_path = scratch / "ca.pem"
        ca_path.write_bytes(authority.pem)
        started = time.perf_counter()
        directories = {
            size: _crl_dir(scratch, authority, crl_bytes, size)
            for size in (SMALL_CRL, serials)
        }
        build_seconds = time.perf_counter() - started

        load = child.run(
            "bench.jpki_verify",
            [ca_path, directories[serials]],
            dict(os.environ, DJANGO_SETTINGS_MODULE="kyosai_portal.settings"),
            "jpki_verify.log",
        )

        trust_store = load_trust_store(str(ca_path))
        stores = {
            size: load_crl_store(trust_store, directory)
            for size, directory in directories.items()
        }

    def verify(size):
        return verify_signature(
            card.certificate,
            signature,
            data,
            trust_store=trust_store,
            crl_store=stores[size],
        )

    # One log line per check would swamp the output and the timing.
    logging.disable(logging.INFO)
    try:
        for size in stores:
            if not verify(size).ok:
                raise RuntimeError(f"the bench card does not verify at {size} serials")
        timings = _interleaved_medians(verify, list(stores), repeat)
    finally:
        logging.disable(logging.NOTSET)

    small, big = timings[SMALL_CRL], timings[serials]
    figures = [
        report.Figure(
            name=f"JPKI verify, CRL of {serials:,} serials",
            value=big * 1e6,
            baseline=small * 1e6,
            unit="µs",
            baseline_name=f"CRL of {SMALL_CRL}",
            target=f"<= {RATIO_TARGET}x",
            limit=RATIO_TARGET,
        )
    ]
    facts = {
        f"JPKI CRL of {serials:,} serials: build (test CA)": f"{build_seconds:.1f} s",
        f"JPKI CRL of {serials:,} serials: load": f"{load['load_seconds']:.2f} s",
        f"JPKI CRL of {serials:,} serials: peak RSS added by the load": (
            f"{(load['load_peak_rss_kib'] - load['rss_before_kib']) / 1024:.0f} MiB"
        ),
        f"JPKI CRL of {serials:,} serials: RSS kept after the load": (
            f"{load['rss_kept_kib'] / 1024:.0f} MiB"
        ),
        f"JPKI CRL of {serials:,} serials: Python objects kept (tracemalloc)": (
            f"{load['retained_bytes'] / 2**20:.0f} MiB"
        ),
        f"JPKI CRL file of {serials:,} serials": f"{load['file_bytes'] / 2**20:.0f} MiB",
        "JPKI verify median, ratio": f"{big / small:.3f}x (target <= {RATIO_TARGET}x)",
    }
    return figures, facts


def _crl_dir(scratch, authority, crl_bytes, size):
    directory = scratch / f"crl-{size}"
    directory.mkdir()
    first = 10**15
    serials = range(first, first + 7 * size, 7)
    (directory / "jpki.crl").write_bytes(crl_bytes(authority.crl(serials)))
    return directory


def _interleaved_medians(verify, sizes, repeat):
    # Alternating the two keeps drift (other processes, CPU frequency) from
    # landing on one side only.
    samples = {size: [] for size in sizes}
    for _ in range(repeat):
        for size in sizes:
            started = time.perf_counter()
            verify(size)
            samples[size].append(time.perf_counter() - started)
    return {size: statistics.median(values) for size, values in samples.items()}


def child_main(ca_path, crl_dir):
    """Load one CRL directory in this fresh process; report time and memory."""
    from auth_mynumber_gbiz.jpki.revocation import load_crl_store
    from auth_mynumber_gbiz.jpki.trust_store import load_trust_store

    trust_store = load_trust_store(ca_path)
    _reset_peak_rss()
    rss_before = child.memory_kib("VmRSS")
    started = time.perf_counter()
    store = load_crl_store(trust_store, crl_dir)
    load_seconds = time.perf_counter() - started
    load_peak = child.memory_kib("VmHWM")
    kept = child.memory_kib("VmRSS") - rss_before
    if store.problems or not store.revoked_count:
        raise RuntimeError(f"CRL not loaded: {store.problems}")

    # A second load under tracemalloc measures what the store keeps; the
    # first one is timed without its overhead.
    del store
    gc.collect()
    tracemalloc.start()
    store = load_crl_store(trust_store, crl_dir)
    gc.collect()
    retained = tracemalloc.get_traced_memory()[0]
    tracemalloc.stop()
    child.report(
        {
            "load_seconds": load_seconds,
            "rss_before_kib": rss_before,
            "load_peak_rss_kib": load_peak,
            "rss_kept_kib": kept,
            "retained_bytes": retained,
            "file_bytes": sum(path.stat().st_size for path in Path(crl_dir).iterdir()),
            "revoked": store.revoked_count,
        }
    )


def _reset_peak_rss():
    # Writing 5 to clear_refs resets VmHWM (Linux 4.0 and later), so the
    # peak below is the load's, not Django's start-up.
    try:
        with open("/proc/self/clear_refs", "w") as clear_refs:
            clear_refs.write("5")
    except OSError:
        pass


def main(argv=None):
    """Run the measurement on its own and print the figures."""
    parser = argparse.ArgumentParser(prog="python -m bench.jpki_verify")
    parser.add_argument("--serials", type=int, default=1_000_000)
    parser.add_argument("--repeat", type=int, default=400)
    options = parser.parse_args(argv)

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kyosai_portal.settings")
    import django

    django.setup()
    from bench import paths

    paths.RESULTS.mkdir(parents=True, exist_ok=True)
    figures, facts = run(options.serials, options.repeat)
    for name, value in facts.items():
        print(f"{name}: {value}")
    print()
    print(report.table(figures, []))


if __name__ == "__main__":
    main(sys.argv[1:])

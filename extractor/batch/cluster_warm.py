"""Warming a running cluster's runners up: the worker plugin ``WarmRunners``, or this module as
the workers' preload (``dask worker ... --preload extractor.batch.cluster_warm``).

``cluster.ClusterPool`` registers the plugin on a ``tcp://`` cluster (a ``local:N`` one starts its
runners from its own preload): each worker, and each worker that joins later, starts one runner
per thread at once, so their warm-up (pipeline imported, patterns and jieba loaded) overlaps the
first files' shipping. As a preload, the runners start with the worker, before any batch.
Imported only with dask distributed installed.
"""

from __future__ import annotations

from typing import Any

from distributed.diagnostics.plugin import WorkerPlugin


class WarmRunners(WorkerPlugin):
    """Start the worker's spare runners (``cluster_runner.start_spares``; once per worker process)."""

    name = "jixiao-warm-runners"
    idempotent = True  # registered by every batch: the first registration stands

    def setup(self, worker: Any) -> None:
        from extractor.batch.cluster_runner import start_spares

        start_spares(worker)


def dask_setup(worker: Any) -> None:
    """The preload: start the worker's runners as the worker starts."""
    from extractor.batch.cluster_runner import start_spares

    start_spares(worker)

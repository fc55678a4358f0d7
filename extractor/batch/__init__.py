"""The batch: many inputs in, one OUTDIR out (``run.run_batch``).

``inputs`` finds the files, ``worker`` reads one, ``pool`` (local processes) or ``cluster`` (Dask)
runs the workers, ``outdir`` journals what they return, ``summary`` counts and prints it.
"""

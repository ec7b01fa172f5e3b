"""gridflow's Spark runner: one SparkSession per run, driven by Node over JSON lines on stdin/stdout.

Each request is one JSON object {"id", "op", ...}; each answer {"id", "ok", "rows"?, "error"?} on one line.
Ops: sql (run a statement), query (rows as JSON), table (materialize a query as a named working table),
drop (forget a working table), write (a query as Parquet under a folder, Hive-style partitions).
Spark does all the work; this file only routes statements. Logs go to stderr, never stdout.
"""
import datetime
import decimal
import json
import os
import sys
import time

from pyspark.sql import SparkSession


def session(master: str, conf: dict) -> SparkSession:
    b = SparkSession.builder.appName("gridflow").master(master)
    for k, v in conf.items():
        b = b.config(k, v)
    s = b.getOrCreate()
    s.sparkContext.setLogLevel("ERROR")
    return s


def plain(v):
    """A JSON value of a Spark cell: instants as ISO text in UTC (µs), decimals as text."""
    if isinstance(v, datetime.datetime):
        return v.isoformat(sep=" ")
    if isinstance(v, datetime.date):
        return v.isoformat()
    if isinstance(v, decimal.Decimal):
        return str(v)
    if isinstance(v, (list, tuple)):
        return [plain(x) for x in v]
    if isinstance(v, dict):
        return {str(k): plain(x) for k, x in v.items()}
    if hasattr(v, "asDict"):
        return {k: plain(x) for k, x in v.asDict().items()}
    return v


class Runner:
    def __init__(self, spark: SparkSession):
        self.spark = spark
        # Working tables: checkpointed DataFrames (lineage cut, data kept by the executors).
        self.tables = {}

    def sql(self, req):
        self.spark.sql(req["sql"])

    def query(self, req):
        df = self.spark.sql(req["sql"])
        cols = df.columns
        self.last_types = {f.name: f.dataType.simpleString() for f in df.schema.fields}
        return [{c: plain(r[i]) for i, c in enumerate(cols)} for r in df.collect()]

    def table(self, req):
        name = req["name"]
        if req.get("ifNotExists") and name in self.tables:
            return
        df = self.spark.sql(req["sql"]).localCheckpoint(eager=True)
        df.createOrReplaceTempView(name)
        self.tables[name] = df

    def drop(self, req):
        self.spark.catalog.dropTempView(req["name"])
        self.tables.pop(req["name"], None)

    def write(self, req):
        w = self.spark.sql(req["sql"]).write.mode("append").option("compression", "zstd")
        if req.get("partitionBy"):
            w = w.partitionBy(*req["partitionBy"])
        w.parquet(req["dir"])


OPS = {"sql", "query", "table", "drop", "write"}


def described(e: Exception) -> dict:
    """An error as Node reports it: Spark's error class and SQLSTATE, the message's first line, no JVM stack."""
    java = getattr(e, "java_exception", None)  # a Py4JJavaError: a JVM exception PySpark does not wrap
    condition = getattr(e, "getCondition", None) or getattr(e, "getErrorClass", None)
    error_class = condition() if callable(condition) else None
    sql_state = e.getSqlState() if callable(getattr(e, "getSqlState", None)) else None
    if java is not None:
        error_class = error_class or java.getClass().getName()
        text = java.getMessage() or ""
    else:
        text = e.getMessage() if callable(getattr(e, "getMessage", None)) else str(e)
    lines = [line.strip() for line in str(text or e).splitlines() if line.strip()]
    first = lines[0] if lines else type(e).__name__
    error_class = error_class or type(e).__name__
    return {"error": first, "errorClass": error_class, "sqlState": sql_state, "detail": str(e)[:4000]}


def main():
    start = json.loads(sys.stdin.readline())
    spark = session(start["master"], start.get("conf", {}))
    out = sys.stdout
    out.write(json.dumps({"id": start.get("id", 0), "ok": True, "version": spark.version}) + "\n")
    out.flush()
    runner = Runner(spark)
    trace = open(os.environ["GRIDFLOW_SPARK_TRACE"], "a") if os.environ.get("GRIDFLOW_SPARK_TRACE") else None
    for line in sys.stdin:
        req = json.loads(line)
        t0 = time.perf_counter()
        try:
            if req["op"] not in OPS:
                raise ValueError(f"unknown op {req['op']}")
            rows = getattr(runner, req["op"])(req)
            answer = {"id": req["id"], "ok": True}
            if rows is not None:
                answer["rows"] = rows
                answer["types"] = runner.last_types
        except Exception as e:  # the error goes back to Node, the session stays usable
            answer = {"id": req["id"], "ok": False, **described(e)}
        out.write(json.dumps(answer, default=str) + "\n")
        out.flush()
        if trace:
            ms = round((time.perf_counter() - t0) * 1000, 1)
            head = " ".join(req.get("sql", "").split())[:160]
            trace.write(json.dumps({"op": req["op"], "name": req.get("name"), "ms": ms, "sql": head}) + "\n")
    spark.stop()


if __name__ == "__main__":
    main()

"""gridflow's Spark runner: one SparkSession per run, driven by Node over JSON lines on stdin/stdout.

Each request is one JSON object {"id", "op", ...}; each answer {"id", "ok", "rows"?, "error"?} on one line.
Ops: sql (run a statement), query (rows as JSON), table (materialize a query as a named working table),
view (a query as a named working table computed where it is read: no Spark job), insert (add rows to a working
table), drop (forget a working table or view), write (a query as Parquet under a folder, Hive-style partitions).
Spark does all the work; this file only routes statements. Logs go to stderr, never stdout.
"""
import datetime
import decimal
import json
import os
import re
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


# Functions whose value changes from one computation of a query to the next: a table that calls one is computed
# once, at once (never kept as constants or deferred).
VOLATILE = re.compile(
    r"\b(?:(?:rand|randn|uuid|shuffle|now|monotonically_increasing_id|spark_partition_id)\s*\(|current_\w+)", re.I
)
# Inserts into one table computed together at most (the plan of the deferred rows grows with each).
MAX_DEFERRED = 16


def named(name: str, sql: str) -> bool:
    """Whether a statement names a table (quoted or not); a false match only computes a table earlier."""
    return re.search(r"(?<![\w$])" + re.escape(name) + r"(?![\w$])", sql) is not None


class Runner:
    """Working tables by name: checkpointed DataFrames (lineage cut, data kept by the executors); views and
    constant rows (an empty table, a VALUES list), computed where they are read; and tables with deferred
    inserts, computed once (checkpointed) when a later request names them. Each is a snapshot of the tables it
    reads as they were when it was made, as a checkpoint is."""

    def __init__(self, spark: SparkSession):
        self.spark = spark
        self.tables = {}
        # Tables not computed: views and constant rows (computed where read), and inserts not yet computed (how many).
        self.lazy = set()
        self.deferred = {}

    def settle(self, req):
        """Checkpoints the deferred tables a request reads (by name), except the one it replaces."""
        text = req.get("rows", req.get("sql")) or ""
        own = req.get("name") if req["op"] == "table" else None
        for name in [n for n in self.deferred if n != own and named(n, text)]:
            self.keep(name, self.tables[name].localCheckpoint(eager=True))

    def keep(self, name, df, lazy=False, deferred=0):
        df.createOrReplaceTempView(name)
        self.tables[name] = df
        (self.lazy.add if lazy else self.lazy.discard)(name)
        if deferred:
            self.deferred[name] = deferred
        else:
            self.deferred.pop(name, None)

    def constant(self, df, sql) -> bool:
        """Rows the optimizer folds to constants: computing them again where they are read costs no job."""
        if VOLATILE.search(sql):
            return False
        return df._jdf.queryExecution().optimizedPlan().getClass().getSimpleName() == "LocalRelation"

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
        df = self.spark.sql(req["sql"])
        if self.constant(df, req["sql"]):
            self.keep(name, df, lazy=True)
        else:
            self.keep(name, df.localCheckpoint(eager=True))

    def view(self, req):
        """A working table whose rows are computed by each query that reads it: no job of its own."""
        name = req["name"]
        if req.get("ifNotExists") and name in self.tables:
            return
        self.keep(name, self.spark.sql(req["sql"]), lazy=True)

    def insert(self, req):
        """INSERT INTO (`sql`: the old rows and the new ones, `rows`: the new ones): deferred until a request
        reads the table, so consecutive inserts cost one job."""
        name = req["name"]
        df = self.spark.sql(req["sql"])
        count = self.deferred.get(name, 0) + 1
        if name in self.lazy and self.constant(df, req["sql"]):  # constant rows into constant rows
            self.keep(name, df, lazy=True)
        elif VOLATILE.search(req["rows"]) or count > MAX_DEFERRED:
            self.keep(name, df.localCheckpoint(eager=True))
        else:
            self.keep(name, df, deferred=count)

    def drop(self, req):
        self.spark.catalog.dropTempView(req["name"])
        self.tables.pop(req["name"], None)
        self.lazy.discard(req["name"])
        self.deferred.pop(req["name"], None)

    def write(self, req):
        w = self.spark.sql(req["sql"]).write.mode("append").option("compression", "zstd")
        if req.get("partitionBy"):
            w = w.partitionBy(*req["partitionBy"])
        w.parquet(req["dir"])


OPS = {"sql", "query", "table", "view", "insert", "drop", "write"}


def jobs_of(spark: SparkSession, group: str) -> dict:
    """The Spark jobs of a job group and the most tasks one of their stages ran (as the status tracker knows them:
    the event log is the exact record)."""
    tracker = spark.sparkContext.statusTracker()
    jobs = tracker.getJobIdsForGroup(group)
    stages = [s for j in jobs for s in (getattr(tracker.getJobInfo(j), "stageIds", None) or [])]
    tasks = [getattr(tracker.getStageInfo(s), "numCompletedTasks", 0) for s in stages]
    return {"jobs": len(jobs), "stages": len(stages), "maxTasks": max(tasks, default=0)}


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
        if trace:  # the request's Spark jobs carry its id as their job group (in the event log)
            spark.sparkContext.setJobGroup(f"gridflow-{req['id']}", req["op"])
        try:
            if req["op"] not in OPS:
                raise ValueError(f"unknown op {req['op']}")
            runner.settle(req)
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
            record = {"id": req["id"], "op": req["op"], "name": req.get("name"), "ms": ms, "sql": head}
            record.update(jobs_of(spark, f"gridflow-{req['id']}"))
            trace.write(json.dumps(record) + "\n")
    spark.stop()


if __name__ == "__main__":
    main()

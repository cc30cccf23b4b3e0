"""Interface placeholder while the engine is being written (replaced in the next commit)."""
import time
from razdel import sentenize


class Pipeline:
    @classmethod
    def load(cls):
        return cls()

    def extract(self, text, debug=False):
        t0 = time.perf_counter()
        n = sum(1 for _ in sentenize(text))
        return {"quotes": [], "speakers": [],
                "stats": {"chars": len(text), "sentences": n, "quotes": 0,
                          "elapsed_ms": round((time.perf_counter() - t0) * 1000, 3)}}

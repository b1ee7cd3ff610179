"""The NinjaAPI instance; routers are added in step 2."""

from ninja import NinjaAPI

api = NinjaAPI(title="Civility API", version="1", urls_namespace="api")

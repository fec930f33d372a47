from django.apps import AppConfig


class DemoConfig(AppConfig):
    """Demo accounts and trajectories for `make run`. The only app that may import every other
    app; nothing imports it except the demo seed and the tests."""

    name = "demo"
    verbose_name = "Demo"

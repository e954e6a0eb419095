from .navigation import build_menu


def navigation(request):
    return {"menu": build_menu}

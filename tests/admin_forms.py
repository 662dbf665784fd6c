"""Build the POST data of an admin change form from the page the admin rendered."""


def _value(bound_field):
    value = bound_field.value()
    if value is None:
        return ""
    if isinstance(value, list | tuple):
        return [str(item) for item in value]
    if isinstance(value, bool):
        return "on" if value else ""
    return str(value)


def _add_form(data, form):
    # An unticked checkbox is posted as nothing: _value gives "" and change_form_data drops it.
    for bound_field in form:
        data[bound_field.html_name] = _value(bound_field)


def change_form_data(response) -> dict:
    """Everything the browser would post back unchanged, inlines included."""
    data = {}
    _add_form(data, response.context["adminform"].form)
    for inline in response.context["inline_admin_formsets"]:
        formset = inline.formset
        _add_form(data, formset.management_form)
        for form in formset.forms:
            _add_form(data, form)
    return {key: value for key, value in data.items() if value != ""}

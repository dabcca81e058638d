"""``/api/v1/templates/sms`` (endpoint 29): custom SMS templates; POST on one is the partial update."""

from ..resources import Resource
from ..schemas.templates import SmsTemplate, SmsTemplateUpdate
from . import OktaBlueprint
from .views import register

bp = OktaBlueprint("okta_templates", __name__)

SMS_TEMPLATES = Resource(
    kind="smsTemplates", type_name="SmsTemplate", path="/templates/sms", id_param="templateId",
    create=SmsTemplate(), replace=SmsTemplate(), update=SmsTemplateUpdate(partial=True), initial_status=None,
)
register(bp, SMS_TEMPLATES)

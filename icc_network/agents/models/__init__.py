"""Models of the agents area: the register, training, certificates, field work, messages."""

from .certification import Certificate
from .field import Conversation
from .messages import AgentMessage
from .register import Agent, AgentLanguage, agent_name_key, email_key
from .training import Attendance, Enrolment, Module, Programme, SessionModule, TrainingSession

__all__ = [
    "Agent", "AgentLanguage", "AgentMessage", "Attendance", "Certificate", "Conversation",
    "Enrolment", "Module", "Programme", "SessionModule", "TrainingSession", "agent_name_key", "email_key",
]

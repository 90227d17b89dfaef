"""The Q&A forum (C12; Res. 44): questions tagged by study group, Question and topic, answered by
anyone and marked when an expert of the group (a role in the registry) answers; moderation."""

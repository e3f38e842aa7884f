"""What this app gives to other programs: calendars, feeds, schedules, JSON-LD, API fields."""

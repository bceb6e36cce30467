"""Our own knowledge tables: PLOVER types and crosswalks, cue verbs, agent terms, agreement words, gazetteer extras."""

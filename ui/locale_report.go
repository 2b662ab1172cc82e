package ui

// The strings of :report, the response-time report of the admin's scope.

func localeReportID() map[string]string {
	return map[string]string{
		"key.report":        "laporan waktu tanggap (bulan ini)",
		"arg.period":        "<minggu|bulan|DARI SAMPAI>",
		"number.decimal":    ",",
		"report.title":      "Laporan %s · %s",
		"report.keys":       "w minggu ini  m bulan ini  [ ] periode lain  tab menurut %s  esc kembali",
		"report.all":        "semua unit",
		"report.in":         "Masuk %s · dijawab %s (%s) · ditutup tanpa balasan %s",
		"report.first":      "Respons pertama: median %s · p90 %s",
		"report.first_none": "Respons pertama: belum ada yang dijawab",
		"report.hours":      "%s j kerja (%s j)",
		"report.targets":    "Target terpenuhi %s · pelanggaran %s · naik %s · turun %s · backlog %s",
		"report.empty":      "(tidak ada percakapan pada periode ini)",
		"report.legend":     "█ dijawab ░ belum",
		"report.by.unit":    "unit", "report.by.admin": "admin", "report.by.platform": "platform", "report.by.label": "label",
		"report.col.in": "masuk", "report.col.answered": "%jawab", "report.col.breaches": "langgar", "report.col.backlog": "backlog",
		"report.no_admin":   "(tanpa admin)",
		"report.no_label":   "(tanpa label)",
		"report.no_unit":    "(tanpa unit)",
		"report.bad_period": "periode %q: tulis minggu, bulan, atau dua tanggal TTTT-BB-HH",
	}
}

func localeReportEN() map[string]string {
	return map[string]string{
		"key.report":        "response-time report (this month)",
		"arg.period":        "<week|month|FROM TO>",
		"number.decimal":    ".",
		"report.title":      "Report %s · %s",
		"report.keys":       "w this week  m this month  [ ] other periods  tab by %s  esc back",
		"report.all":        "all units",
		"report.in":         "In %s · answered %s (%s) · closed without reply %s",
		"report.first":      "First response: median %s · p90 %s",
		"report.first_none": "First response: nothing answered yet",
		"report.hours":      "%s working h (%s h)",
		"report.targets":    "Targets met %s · breaches %s · up %s · down %s · backlog %s",
		"report.empty":      "(no conversations in this period)",
		"report.legend":     "█ answered ░ not yet",
		"report.by.unit":    "unit", "report.by.admin": "admin", "report.by.platform": "platform", "report.by.label": "label",
		"report.col.in": "in", "report.col.answered": "%answ", "report.col.breaches": "breach", "report.col.backlog": "backlog",
		"report.no_admin":   "(no admin)",
		"report.no_label":   "(no label)",
		"report.no_unit":    "(no unit)",
		"report.bad_period": "period %q: write week, month, or two days YYYY-MM-DD",
	}
}

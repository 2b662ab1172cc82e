package synth

// Word lists for Indonesian-like citizen traffic. They are small on purpose:
// the texts only need the shape of the real thing (a few dominant topic
// words, a long tail of everyday words, names, places, ticket and phone
// numbers) so that the full-text index has realistic common and rare terms.

// topic is one kind of thing citizens write about.
type topic struct {
	key     string
	weight  int
	admin   string   // who answers and who is assigned
	opens   []string // the citizen's first message; {slots} are filled
	replies []string // the office's answers
	follows []string // the citizen writes again
	subject string   // email subject
}

var topics = []topic{
	{"jalan", 16, "admin.pupr", []string{
		"{sapa} jalan di {jalan} rusak parah, lubangnya udh kaya kolam {emo} kapan diperbaiki?",
		"Assalamualaikum, mau lapor jalan berlubang di Desa {desa} Kec. {kec}, {rt}. Sudah {n} bulan tidak ada perbaikan.",
		"jembatan di {kp} Desa {desa} udh miring {sapa}, warga takut lewat {emo}",
		"aspal yg baru diperbaiki di {jalan} udh ngelupas lagi {sapa}, kualitasnya gimana ini",
		"{sapa} tolong jalan depan {sekolah} berlubang, anak sekolah pada jatuh {emo}"},
		[]string{"Terima kasih laporannya, Kak {nama}. Sudah kami teruskan ke Dinas PUPR untuk dicek ke lokasi. Mohon kirim titik lokasinya 🙏",
			"Ruas {jalan} masuk rencana pemeliharaan tahun ini. Tim UPT Jalan akan menambal sementara minggu ini.",
			"Laporan sudah kami catat dengan nomor tiket {tiket}. Petugas akan survei ke lokasi dalam 3x24 jam."},
		[]string{"lokasinya dkt warung sebelum jembatan {sapa}", "td malem ada yg jatuh lg di situ {emo}", "udh ditambal, nuhun {sapa} 👍"},
		"Laporan kerusakan jalan di Kec. {kec}"},
	{"banjir", 8, "admin.bpbd", []string{
		"{sapa} di {desa} banjir lagi, air udh sepinggang 😭 tolong bantuan perahu",
		"drainase di {jalan} mampet, tiap hujan banjir {emo}",
		"longsor di {kp} {desa} {sapa}, jalan ketutup tanah, motor gak bisa lewat",
		"posko pengungsian banjir di Kec. {kec} dimana ya {sapa}?"},
		[]string{"Laporan sudah kami teruskan ke Pusdalops BPBD. Tim sedang menuju lokasi.",
			"Posko pengungsian Kec. {kec} ada di kantor kecamatan dan GOR Desa {desa} 🙏",
			"Untuk kondisi darurat mohon hubungi 112 (bebas pulsa) agar tim BPBD bisa bergerak cepat."},
		[]string{"airnya makin naik {sapa} {emo}", "alhamdulillah tim udh dtg, makasih", "udh surut skrg 🙏"},
		"Laporan bencana di Desa {desa}"},
	{"dukcapil", 15, "admin.dukcapil", []string{
		"{sapa} bikin KTP-el skrg berapa lama? udh rekam dari {n} bulan lalu blm jadi",
		"cara cetak ulang KK krn ada perubahan data gimana ya kak?",
		"blangko KTP kosong lagi ya {sapa}? di Kec. {kec} katanya habis 🙄",
		"NIK saya {nik} kok gak terdaftar pas daftar BPJS? tolong dicek {sapa}",
		"mau urus akta kelahiran anak, syaratnya apa aja {sapa}?"},
		[]string{"Halo Kak {nama}, untuk cetak ulang KK bawa KK lama dan dokumen pendukung ke Disdukcapil atau kecamatan 🙏",
			"Stok blangko KTP-el sudah tersedia kembali. Jangan tulis NIK di kolom komentar ya Kak, kirim lewat pesan pribadi.",
			"Pembuatan akta kelahiran gratis. Syarat: surat keterangan lahir, KK, KTP-el orang tua, dan buku nikah.",
			"Jadwal perekaman keliling di Kec. {kec}: hari {hari}, pukul 08.00–14.00 di aula kecamatan."},
		[]string{"besok mau dipake buat daftar kerja {sapa}", "oke kak, hari {hari} sy ke kecamatan", "udh jadi, nuhun {sapa} 🙏"},
		"Pertanyaan layanan administrasi kependudukan"},
	{"kesehatan", 10, "admin.dinkes", []string{
		"{pkm} kok jam 12 udh tutup? ibu sy mau berobat ditolak {emo}",
		"BPJS PBI sy tiba2 nonaktif, pdhl mau operasi {sapa} 😭",
		"antrian di RSUD lama bgt, dr subuh sampe zuhur blm dipanggil",
		"{sapa} ada fogging gak? di {desa} udh {n} org kena DBD",
		"jadwal posyandu di Desa {desa} bulan ini kapan ya kak?"},
		[]string{"Untuk reaktivasi BPJS PBI silakan ke Dinas Sosial dengan membawa KTP-el dan KK. Semoga lekas sembuh 🙏",
			"Jam pelayanan puskesmas: Senin–Kamis 07.30–14.00, Jumat 07.30–11.00. IGD buka 24 jam.",
			"Laporan DBD sudah kami teruskan ke Dinkes untuk penyelidikan epidemiologi sebelum fogging."},
		[]string{"ini darurat {sapa} {emo}", "sy udh bawa surat rujukan jg", "petugasnya udh dtg, nuhun"},
		"Pengaduan layanan kesehatan"},
	{"bansos", 10, "admin.dinsos", []string{
		"{sapa} sy udh terdaftar DTKS tp gak pernah dapet bansos, knp ya?",
		"PKH bulan ini kok blm cair?? biasanya tgl segini udh {emo}",
		"BLT dana desa di {desa} cuma buat keluarga perangkat desa!! tolong diaudit",
		"bapak sy lansia di {kp} blm pernah dapet bantuan apa2 {sapa} 🙏"},
		[]string{"Pengecekan penerima bansos bisa di cekbansos.kemensos.go.id dengan NIK dan nama sesuai KTP-el 🙏",
			"Untuk pengusulan DTKS silakan ke kantor desa agar dibahas di musyawarah desa.",
			"Laporan sudah kami teruskan ke Dinas Sosial dan Inspektorat untuk diverifikasi."},
		[]string{"NIK nya udh sy DM {sapa}", "statusnya tidak terdaftar {sapa} {emo}", "ok siap, hatur nuhun"},
		"Pertanyaan bantuan sosial"},
	{"sekolah", 7, "admin.disdik", []string{
		"zonasi PPDB diukur dr rumah ke sekolah lurus atau ikut jalan? rumah sy dkt {sekolah} tp gak keterima 😭",
		"atap {sekolah} bocor {sapa}, anak2 belajar kehujanan",
		"anak sy di {sekolah} diminta beli seragam & LKS {rp}, wajib gak sih?",
		"kapan cair dana PIP {sapa}?"},
		[]string{"Jarak zonasi dihitung garis lurus dari koordinat rumah sesuai KK. Sanggahan bisa diajukan ke posko PPDB.",
			"Sekolah negeri tidak boleh mewajibkan pembelian seragam atau LKS. Mohon kirim detailnya lewat pesan pribadi.",
			"Laporan sudah kami teruskan ke bidang sarana prasarana Disdik untuk perbaikan."},
		[]string{"besok terakhir daftar ulang {sapa}", "makasih {sapa}, besok sy ke posko"},
		"Pertanyaan PPDB"},
	{"sampah", 6, "admin.dlh", []string{
		"sampah di TPS {pasar} udh numpuk seminggu gak diangkut, bau bgt",
		"jadwal angkut sampah di {perum} kapan? udh {n} hari gak ada truk",
		"ada yg buang sampah di bantaran sungai {desa} tiap malem {sapa}"},
		[]string{"Laporan diteruskan ke Dinas Lingkungan Hidup. Pengangkutan dijadwalkan hari {hari} pagi.",
			"Jadwal pengangkutan sampah wilayah {kec}: Senin, Rabu, Jumat pagi 🙏"},
		[]string{"makin numpuk {sapa} {emo}", "udh diangkut td pagi, nuhun"},
		"Pengaduan pengelolaan sampah"},
	{"pdam", 6, "admin.pdam", []string{
		"PDAM mati lagi di {desa}, udah {n} hari!! bayar tetep jalan",
		"air PDAM keruh kaya susu coklat {sapa} 😩",
		"tagihan PDAM sy naik 3x lipat pdhl pemakaian sama {sapa}"},
		[]string{"Mohon maaf, sedang ada perbaikan pipa transmisi di wilayah {kec}. Tangki air bersih dikirim ke kantor desa.",
			"Untuk pengaduan tagihan silakan hubungi call center Tirta Sukamaju dengan menyebut nomor pelanggan."},
		[]string{"udh nyala {sapa}, alhamdulillah", "masih mati {sapa} {emo}"},
		"Pengaduan layanan air bersih"},
	{"pju", 4, "admin.dishub", []string{
		"lampu jalan di {jalan} mati semua {sapa}, gelap rawan begal",
		"lampu merah di simpang {kec} mati, td hampir tabrakan"},
		[]string{"Terima kasih laporannya. Sudah diteruskan ke Dishub bidang PJU, perbaikan hari {hari} malam."},
		[]string{"udh nyala lg, nuhun {sapa}"},
		"Laporan penerangan jalan umum"},
	{"izin", 4, "admin.dpmptsp", []string{
		"{sapa} cara bikin NIB buat usaha warung gimana?",
		"izin usaha sy udh 2 bulan blm terbit di OSS {emo}",
		"mau buka usaha laundry di {desa}, izinnya apa aja kak?"},
		[]string{"NIB bisa dibuat online di oss.go.id, gratis. Pendampingan ada di Mal Pelayanan Publik.",
			"Mohon kirim nomor permohonan OSS lewat pesan pribadi agar kami cek ke tim verifikasi."},
		[]string{"udh dicoba tp error terus {sapa}", "wah gampang ternyata, makasih"},
		"Pertanyaan perizinan usaha"},
	{"pungli", 3, "admin.inspektorat", []string{
		"di kantor desa {desa} bikin surat pengantar dimintain {rp} {sapa}, resmi gak sih?",
		"oknum di {pasar} narik retribusi tanpa karcis {emo}"},
		[]string{"Pelayanan surat pengantar gratis. Laporan Kakak kami teruskan ke Inspektorat; identitas pelapor dijaga."},
		[]string{"ditunggu tindak lanjutnya {sapa}"},
		"Pengaduan dugaan pungutan liar"},
	{"pujian", 5, "admin.humas", []string{
		"mantap {sapa}, jalan ke {desa} udh mulus sekarang 👍",
		"terima kasih petugas {pkm} yg ramah 🙏",
		"semoga Sukamaju makin maju, bangga jadi warga {kec} ❤️"},
		[]string{"Terima kasih apresiasinya, Kak {nama} 🙏", "Aamiin, terima kasih dukungannya untuk Sukamaju!"},
		[]string{"sama2 {sapa}"},
		"Apresiasi layanan"},
	{"hoaks", 3, "admin.humas", []string{
		"{sapa} bener gak ada pembagian sembako gratis di pendopo? rame di grup WA",
		"ada link pendaftaran bansos {link} itu resmi gak?"},
		[]string{"Informasi tersebut HOAKS. Selalu cek kanal resmi Pemkab Sukamaju ya Kak 🙏",
			"Link tersebut bukan situs resmi. Jangan isi data pribadi di sana."},
		[]string{"oh gitu, nuhun infonya", "udh sy share ke grup biar gak ketipu"},
		"Konfirmasi informasi"},
}

var (
	kecamatan = []string{"Cibadak", "Cisaat", "Sukaraja", "Cikembar", "Nagrak", "Sagaranten", "Warungkiara",
		"Cidahu", "Parungkuda", "Cicurug", "Kalapanunggal", "Jampangkulon", "Surade", "Ciracap", "Palabuhanratu", "Cisolok"}
	desa = []string{"Cibeureum", "Sekarwangi", "Karangtengah", "Pamuruyan", "Batununggul", "Sukamanah", "Padaasih",
		"Sukasari", "Cibolang", "Gunungjaya", "Sukamekar", "Limbangan", "Pasirhalang", "Selaawi", "Cisarua", "Cimanggu",
		"Bojongkembar", "Parakanlima", "Kertaraharja", "Sukamulya", "Cihanjawar", "Darmareja", "Girijaya", "Kalaparea",
		"Pawenang", "Puncakmanggis", "Datarnangka", "Cibaregbeg", "Gunungbentang", "Mekarsari", "Bojongkerta",
		"Hegarmanah", "Kertamukti", "Tarisi", "Ubrug", "Jayabakti", "Babakanpari", "Tangkil", "Pasirdoton",
		"Neglasari", "Cipeundeuy", "Sirnaresmi", "Wangunreja", "Karangpapak", "Citarik", "Cimaja", "Loji",
		"Mekarjaya", "Tegalbuleud", "Bantarsari", "Cikakak", "Sinarlaut", "Pasiripis", "Gunungbatu"}
	roads = []string{"Jl. Raya Cibadak", "Jl. Siliwangi", "Jl. Pasundan", "Jl. Suryakencana", "Jl. Veteran",
		"Jl. Otista", "Jl. Raya Nagrak", "Jl. Pelabuhan II", "Jl. Bhayangkara", "Jl. Raya Sagaranten",
		"Jl. Lingkar Selatan", "Jl. Cemerlang", "Jl. KH. Ahmad Sanusi", "Jl. Raya Cikembar", "Jl. Merdeka"}
	kampung = []string{"Kp. Cipeuteuy", "Kp. Babakan Sirna", "Kp. Legok Nyenang", "Kp. Pasir Ipis",
		"Kp. Bojong Loa", "Kp. Sawah Lega", "Kp. Cimuncang", "Kp. Leuwi Goong", "Kp. Ciheulang", "Kp. Pangkalan"}
	schools = []string{"SDN 1 Cibadak", "SDN 2 Sukaraja", "SDN Sukamanah", "SMPN 1 Cisaat", "SMPN 2 Cibadak",
		"SMPN 3 Sukamaju", "SMPN 1 Nagrak", "SDN Cimanggu 3", "SMPN 1 Sagaranten", "SDN Loji 2"}
	clinics = []string{"Puskesmas Cibadak", "Puskesmas Cisaat", "Puskesmas Sukaraja", "Puskesmas Cikembar",
		"Puskesmas Nagrak", "Puskesmas Sagaranten", "Puskesmas Cidahu", "Puskesmas Surade"}
	markets = []string{"Pasar Cibadak", "Pasar Semi Modern Cisaat", "Pasar Sukaraja", "Pasar Nagrak", "Pasar Sagaranten"}
	estates = []string{"Perum Griya Sukamaju Asri", "Perum Bumi Cibadak Indah", "Perum Taman Cisaat", "Perum Puri Nagrak"}
	days    = []string{"Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu"}
	emojis  = []string{"🙏", "😭", "😡", "😩", "👍", "😅", "🙄", "!!", "...", "", "", "", "😢"}
	calls   = []string{"min", "min", "kak", "pak", "admin", "mimin", "bu", "min"}
	amounts = []string{"50rb", "100rb", "150rb", "200rb", "300rb", "500rb"}
	hosts   = []string{"bit.ly/", "s.id/", "tinyurl.com/", "cutt.ly/"}

	firstNames = []string{"Asep", "Ujang", "Euis", "Neneng", "Siti", "Dedi", "Rina", "Budi", "Yanti", "Agus",
		"Tatang", "Iis", "Cecep", "Dadang", "Wawan", "Lilis", "Nurhayati", "Rizky", "Dimas", "Putri", "Ayu",
		"Fajar", "Hendra", "Rudi", "Sri", "Wahyu", "Eko", "Dewi", "Intan", "Aldi", "Yusuf", "Ahmad", "Nining",
		"Entin", "Ade", "Irfan", "Teguh", "Kurnia", "Fitri", "Anisa", "Rahmat", "Ikhsan", "Heni", "Yayan",
		"Deden", "Ratna", "Bambang", "Slamet", "Tini", "Maya", "Galih", "Nova", "Reza", "Sinta", "Gilang"}
	lastNames = []string{"Suryana", "Hidayat", "Permana", "Saputra", "Kurniawan", "Rahmawati", "Setiawan",
		"Nugraha", "Maulana", "Lestari", "Gunawan", "Hermawan", "Sopian", "Ramdani", "Firmansyah", "Sulaeman",
		"Rusmana", "Wijaya", "Pratama", "Susanti", "Haryanto", "Mulyadi", "Supriatna", "Sukmana", "Rohman", ""}

	// everyday is common vocabulary, most common first; words are drawn
	// with a Zipf-like bias so a few are everywhere and most are rare.
	everyday = []string{"yg", "di", "dan", "ini", "itu", "sy", "aja", "udah", "gak", "ada", "juga", "tolong",
		"mohon", "kapan", "gimana", "kenapa", "sudah", "belum", "masih", "lagi", "tadi", "kemarin", "besok",
		"sekarang", "pagi", "siang", "sore", "malam", "warga", "kami", "kita", "mereka", "rumah", "kantor",
		"desa", "kecamatan", "kabupaten", "pemda", "bupati", "camat", "kades", "petugas", "pelayanan", "informasi",
		"bantu", "segera", "cepat", "lama", "susah", "ribet", "bagus", "parah", "banget", "sekali", "semua",
		"hari", "minggu", "bulan", "tahun", "jam", "antri", "loket", "online", "aplikasi", "website", "nomor",
		"telepon", "wa", "dm", "inbox", "komentar", "postingan", "foto", "video", "lokasi", "alamat", "surat",
		"berkas", "syarat", "biaya", "gratis", "bayar", "uang", "motor", "mobil", "angkot", "ojek", "sawah",
		"kebun", "sungai", "hujan", "panas", "listrik", "sinyal", "internet", "anak", "ibu", "bapak", "nenek",
		"kakek", "tetangga", "rt", "rw", "lurah", "posyandu", "masjid", "musholla", "lapangan", "gang", "pertigaan",
		"perempatan", "jembatan", "selokan", "got", "tiang", "kabel", "pohon", "tumbang", "retak", "ambruk",
		"bocor", "mampet", "macet", "gelap", "bau", "kotor", "bising", "debu", "asap", "pabrik", "tambang",
		"galian", "proyek", "kontraktor", "anggaran", "apbd", "dana", "audit", "transparan", "janji", "bukti",
		"kejelasan", "tanggapan", "respon", "tindak", "lanjut", "laporan", "aduan", "keluhan", "saran", "usul",
		"harapan", "semoga", "aamiin", "alhamdulillah", "insyaallah", "punten", "nuhun", "hatur", "sumuhun",
		"leres", "pisan", "abdi", "urang", "kumaha", "iraha", "dimana", "saha", "naon", "teu", "acan", "tos",
		"atuh", "mah", "euy", "wae", "deui", "ayeuna", "enjing", "kamari", "bade", "nyuhunkeun", "wargi",
		"gotong", "royong", "kerja", "bakti", "karang", "taruna", "pkk", "bumdes", "koperasi", "umkm", "pedagang",
		"kaki", "lima", "parkir", "retribusi", "karcis", "pajak", "pbb", "sppt", "samsat", "stnk", "sim", "polsek",
		"koramil", "satpol", "damkar", "ambulans", "kebakaran", "pencurian", "begal", "tawuran", "narkoba",
		"judi", "slot", "pinjol", "penipuan", "hoaks", "viral", "trending", "netizen", "admin", "mimin"}

	labels = []string{"hoaks", "bansos", "jalan", "banjir", "kesehatan", "pendidikan", "adminduk", "viral", "pungli", "ppid"}
	admins = []string{"admin.pupr", "admin.bpbd", "admin.dukcapil", "admin.dinkes", "admin.dinsos", "admin.disdik",
		"admin.dlh", "admin.pdam", "admin.dishub", "admin.dpmptsp", "admin.inspektorat", "admin.humas"}
)

package demo

// topic is one kind of thing citizens write about, with the unit that
// answers and templates for every turn of a conversation.
//
// An opener may start with "i,j|": the indices of the replies that answer
// it (none: any reply fits). A thanks may start with "i|": it answers reply i
// only (none: it answers any).
type topic struct {
	key      string
	weight   int
	admin    string   // who answers, as SentBy
	office   string   // the unit's name
	opens    []string // the citizen's first message
	more     []string // the citizen adds before anyone answered
	replies  []string // the office's first answer
	thanks   []string // the citizen answers the office
	subjects []string // email subjects
	chimes   []string // other citizens joining a comment thread; nil: complaints
	spam     bool     // nobody answers; nobody continues
}

var (
	askChimes    = []string{"ikut nyimak {sapa} 👀", "sama 🙏 sy jg mau nanya ini", "up {sapa} 🙏", "@{warga} nih infonya 👆"}
	praiseChimes = []string{"setuju!! 👍", "mantap 🔥", "aamiin, semoga makin maju", "bangga pisan ❤️", "tapi jalan di {desa} mah blm {sapa} 😅"}
)

var topics = []*topic{
	{key: "jalan", weight: 14, admin: "admin.pupr", office: "Dinas PUPR",
		opens: []string{
			"0,1,3|{sapa} jalan di {jalan} rusak parah, lubangnya udh kaya kolam ikan {emo} kapan diperbaiki??",
			"0,3|Assalamualaikum, mau lapor jalan berlubang di {ds} {kkec}, {rt}. Sudah {n} bulan tdk ada perbaikan. Mohon ditindaklanjuti 🙏",
			"1,3|!jalan {jalan} rusak parah!!! udah ada yg jatuh dari motor 2x. pemda kemana aja???",
			"0,3|punten {sapa}, jalan ka {kp} {ds} ruksak pisan, mun hujan teu bisa diliwatan 😭",
			"1|{sapa} itu jln {jalan} kpn dibenerin? tiap hari lewat situ ban motor sy udh 2x bocor",
			"0,3|Lapor pak, aspal yg baru diperbaiki bulan kemarin di {jalan} udh ngelupas lagi. Kualitasnya gmn ini? 🤔",
			"2|Ini jalan kabupaten atau provinsi sih {sapa}? {jalan} arah {kec} rusak bgt, sy mau lapor kemana",
			"0,3|dalan neng {desa} rusak parah pak, ambulans wae angel lewat 🙏",
			"en:Hi, I drove along {jalan} yesterday and there are huge potholes near the market. Someone is going to get hurt. Is there a way to report this officially?",
			"0,3|{sapa} tolong dong jalan depan {sekolah} berlubang, anak2 sekolah pada jatuh naik sepeda {emo}",
			"0,3|Jembatan gantung di {kp} {desa} udh miring {sapa}, warga takut lewat. Mohon segera dicek sebelum ada korban",
			"0,1|!bayar pajak tiap taun tp jalan di {kec} gak pernah bener. malu sama kabupaten sebelah",
			"0,3|jalan rusak di {ds} {sapa}, truk tambang lewat terus jd ancur {emo}",
			"1,3|{sapa} jalan rusak parah di {jalan} deket {pasar}, tiap hujan jd kubangan"},
		more: []string{"titik lokasinya dkt warung sebelum jembatan ya {sapa}", "fotonya udh sy kirim lewat DM {sapa}",
			"ini lokasinya {rt} {sapa}", "td malem ada yg jatuh lg di situ {emo}"},
		replies: []string{
			"Terima kasih laporannya, Kak {nama}. Sudah kami teruskan ke Dinas PUPR untuk dicek ke lokasi. Mohon kirimkan titik lokasi (share loc) agar mudah ditemukan 🙏",
			"Halo Kak, ruas {jalan} termasuk dalam rencana pemeliharaan tahun ini. Tim UPT Jalan akan melakukan penambalan sementara minggu ini.",
			"Mohon maaf atas ketidaknyamanannya. Ruas tersebut merupakan jalan provinsi; laporan Kakak sudah kami sampaikan ke UPTD Pengelolaan Jalan Provinsi.",
			"Baik Pak, laporan sudah kami catat dengan nomor tiket {tiket}. Petugas akan survei ke lokasi dalam 3x24 jam."},
		thanks: []string{"0|share loc udh sy kirim {sapa}", "1|kmrn sy lewat udh ditambal, mantap {sapa} 👍",
			"3|3x24 jam nya udh lewat {sapa}, blm ada yg dtg", "1|ditambal doang? nanti juga rusak lg {emo}",
			"2|lho jadi sy hrs lapor ke provinsi sendiri? ribet amat {emo}"},
		subjects: []string{"Laporan kerusakan jalan di wilayah {kkec}", "Pengaduan infrastruktur jalan dan jembatan"}},

	{key: "banjir", weight: 7, admin: "admin.bpbd", office: "BPBD",
		opens: []string{
			"0,2|{sapa} di {desa} banjir lg, air udh sepinggang 😭 tolong bantuan perahu",
			"0|!banjir lagi banjir lagi. drainase di {jalan} mampet gak pernah dibersihin",
			"0,2|Assalamualaikum, warga {kp} {ds} terdampak banjir sejak semalam, ada lansia yg perlu dievakuasi. Mohon bantuan 🙏",
			"1|{sapa} posko pengungsian banjir di {kkec} dimana ya? sy mau antar bantuan",
			"0,1|cai walungan ngagedean deui {sapa} di {desa}, warga geus mimiti ngungsi",
			"3|{sapa} kali di {desa} udh meluap, besok sekolah libur gak?",
			"en:Is the road to {kec} passable today? Heard there was flooding near {desa}.",
			"0,2|longsor di {kp} {desa} {sapa}, jalan ketutup tanah, motor gak bisa lewat {emo}"},
		more: []string{"airnya makin naik {sapa} {emo}", "udh telp 112 tp sibuk terus", "ada ibu hamil jg di sini {sapa}"},
		replies: []string{
			"Terima kasih infonya. Laporan sudah kami teruskan ke Pusdalops BPBD Kab. Bogor. Tim sedang menuju lokasi.",
			"Posko pengungsian {kkec} ada di kantor kecamatan dan GOR {ds}. Bantuan bisa diantar langsung ke posko 🙏",
			"Untuk kondisi darurat mohon segera hubungi 112 (bebas pulsa) agar tim BPBD bisa bergerak cepat. Tetap waspada ya Kak.",
			"Informasi libur sekolah mengikuti surat edaran Dinas Pendidikan; pantau kanal resmi kami ya Kak. Tetap waspada 🙏"},
		thanks: []string{"0|alhamdulillah tim udh dtg, makasih {sapa}", "2|112 nya sibuk terus {sapa} {emo}",
			"aman {sapa} skrg air udh surut 🙏", "1|siap, sy antar ke GOR ya"},
		subjects: []string{"Laporan bencana di {ds}", "Permohonan bantuan penanganan banjir dan longsor"}},

	{key: "dukcapil", weight: 14, admin: "admin.dukcapil", office: "Disdukcapil", chimes: askChimes,
		opens: []string{
			"1|{sapa} 🙏 mau tanya bikin KTP-el skrg berapa lama ya? udh rekam dari {bln} bulan lalu blm jadi2",
			"0|kak cara cetak ulang KK krn ada perubahan data gmn ya? hrs ke kantor disdukcapil atau bisa di kecamatan?",
			"4|Permisi, saya mau mengurus akta kelahiran anak yg usianya sudah 2 tahun. Apakah ada denda? Syaratnya apa saja?",
			"1|{sapa} blangko ktp kosong lg ya? di {kkec} katanya blangko habis 🙄",
			"2|ktp sy ilang {sapa}, hrs pake surat kehilangan dr polsek gak?",
			"6|😩 NIK saya {nik} kok gak terdaftar pas daftar BPJS? tolong dicek {sapa}",
			"3|punten, jadwal perekaman KTP keliling di {kec} iraha nya? abdi teu tiasa ka kantor, nuju damel",
			"5|{sapa} aktivasi IKD (KTP digital) bisa di desa gak? apa hrs ke kantor?",
			"8|!udh 3x bolak balik ke disdukcapil cuma buat legalisir kk, sistemnya offline terus. gimana ini pelayanannya",
			"en:Hello, I'm a foreigner married to an Indonesian citizen living in {desa}. How do I register my child's birth certificate?",
			"0|anak sy mau daftar sekolah tp nama di akta beda sama di KK {sapa}, gmn benerinnya?",
			"7|pindah domisili dr luar kota ke {desa} skrg bisa online gak {sapa}?",
			"2|{sapa} e-KTP sy patah, ganti baru hrs ke disdukcapil di cibinong atau bisa di {kkec}?",
			"0|mau tanya KK sy msh alamat lama di {ds}, skrg pindah ke {kkec}, ngurusnya dmn {sapa}?"},
		more: []string{"sy udh daftar online lewat aplikasi jg {sapa}", "tolong infonya ya {sapa}, sy kerja di luar kota cuma bisa sabtu",
			"{sapa}?? besok mau dipake buat daftar kerja"},
		replies: []string{
			"Halo Kak {nama}, untuk cetak ulang KK cukup bawa KK lama dan dokumen pendukung perubahan ke kantor Disdukcapil atau layanan di kecamatan. Bisa juga daftar online di sidukcapil.bogorkab.go.id 🙏",
			"Mohon maaf atas keterlambatannya. Stok blangko KTP-el sudah kembali tersedia sejak minggu ini. Silakan cek status dengan mengirim NIK lewat pesan pribadi ya Kak (jangan tulis NIK di kolom komentar).",
			"Untuk kehilangan KTP-el cukup surat keterangan kehilangan dari kepolisian dan fotokopi KK. Pelayanan gratis, tidak dipungut biaya.",
			"Jadwal perekaman keliling di {kkec}: hari {hari}, pukul 08.00–14.00 di aula kecamatan.",
			"Pembuatan akta kelahiran gratis dan tidak dikenakan denda. Syarat: surat keterangan lahir, KK, KTP-el orang tua, dan buku nikah/akta perkawinan.",
			"Aktivasi IKD bisa di kantor Disdukcapil, kantor kecamatan, atau saat layanan keliling. Bawa HP dengan email aktif ya Kak.",
			"Demi keamanan data, NIK tidak kami cek di kolom komentar. Silakan kirim NIK lewat WhatsApp resmi 0811-2000-1234 atau datang ke loket Disdukcapil.",
			"Pindah datang sekarang bisa diajukan online lewat sidukcapil.bogorkab.go.id; cukup unggah SKPWNI dari daerah asal.",
			"Mohon maaf atas gangguan jaringan kemarin. Layanan sudah normal kembali; dokumen bertanda tangan elektronik (QR code) juga tidak perlu dilegalisir lagi."},
		thanks: []string{"3|oke kak, hari {hari} sy ke kecamatan", "2,4|makasih {sapa}, ternyata gratis ya. di desa dimintain {rp} 🙄",
			"1|udh sy cek blm jadi jg {sapa}", "1|alhamdulillah KTP udh jadi, nuhun {sapa} 🙏", "6|udh sy WA ya {sapa}",
			"8|oh pake QR gak perlu legalisir ya, baru tau. nuhun"},
		subjects: []string{"Pertanyaan layanan administrasi kependudukan", "Permohonan informasi Disdukcapil"}},

	{key: "kesehatan", weight: 10, admin: "admin.dinkes", office: "Dinas Kesehatan",
		opens: []string{
			"1|{sapa} {pkm} kok jam 12 udh tutup? ibu sy mau berobat ditolak {emo}",
			"0|BPJS PBI sy tiba2 nonaktif, pdhl mau operasi. gmn cara aktifin lg {sapa}?? 😭",
			"4|!antrian di rsud cibinong lama bgt, dr subuh sampe zuhur blm dipanggil",
			"5|jadwal posyandu di {ds} bulan ini kapan ya kak?",
			"2|{sapa} ada fogging gak? di {desa} udh 3 org kena DBD",
			"6|dokter gigi di {pkm} ada tiap hari gak {sapa}?",
			"en:Is there an English-speaking doctor at RSUD Cibinong? My wife needs a check-up.",
			"7|Terima kasih bidan {ds} yg sigap bantu persalinan istri sy tengah malam 🙏 tp ambulans desa nya rusak {sapa}, mohon diperhatikan",
			"3|{sapa} vaksin campak buat anak di puskesmas gratis kan? kmrn disuruh bayar {rp}"},
		more: []string{"ini darurat {sapa} {emo}", "sy udh bawa surat rujukan jg"},
		replies: []string{
			"Untuk reaktivasi BPJS PBI, silakan ke Dinas Sosial dengan membawa KTP-el, KK, dan surat keterangan dari rumah sakit. Semoga lekas sembuh untuk keluarganya 🙏",
			"Jam pelayanan rawat jalan puskesmas: Senin–Kamis 07.30–14.00, Jumat 07.30–11.00, Sabtu 07.30–12.00. IGD 24 jam tersedia di puskesmas PONED.",
			"Laporan kasus DBD sudah kami teruskan ke Dinkes. Petugas akan melakukan penyelidikan epidemiologi sebelum fogging. Yuk tetap 3M Plus!",
			"Imunisasi dasar di puskesmas dan posyandu gratis, Kak. Jika dimintai biaya, mohon kirim detailnya lewat pesan pribadi agar kami tindak lanjuti.",
			"Mohon maaf atas lamanya antrean. Pendaftaran RSUD kini bisa lewat aplikasi Mobile JKN agar tidak perlu antre dari subuh. Masukan Kakak kami teruskan ke manajemen RSUD.",
			"Jadwal posyandu {ds} bisa ditanyakan ke bidan desa atau kader setempat; umumnya minggu kedua tiap bulan.",
			"Poli gigi {pkm} buka Senin–Sabtu sesuai jam pelayanan. Untuk memastikan dokter hadir, silakan hubungi puskesmas terlebih dahulu ya Kak.",
			"Terima kasih apresiasinya untuk bidan desa 🙏 Laporan ambulans desa kami teruskan ke Dinkes dan DPMD."},
		thanks: []string{"0|oke {sapa}, besok sy ke dinsos", "2|petugasnya udh dtg td, nuhun {sapa} 🙏", "1|tetep aja td ditolak {sapa} {emo}",
			"4|mobile JKN nya error terus {sapa} 😩", "5|siap, nuhun"},
		subjects: []string{"Pengaduan layanan kesehatan", "Pertanyaan layanan puskesmas dan BPJS"}},

	{key: "bansos", weight: 10, admin: "admin.dinsos", office: "Dinas Sosial",
		opens: []string{
			"1|{sapa} sy udh terdaftar DTKS tp gak pernah dapet bansos, knp ya?",
			"2|PKH bulan ini kok blm cair?? biasanya tgl segini udh {emo}",
			"3|!blt dd di {ds} cuma buat keluarga perangkat desa doang!! tolong diaudit",
			"0|cara cek penerima bansos gmn kak?",
			"1|bapak sy lansia sebatang kara di {kp} blm pernah dapet bantuan apa2 {sapa} 🙏",
			"4|kartu KKS sy ketelen mesin ATM {sapa}, gmn ya",
			"5|Mohon maaf pak, sy janda 3 anak di {desa}, rumah hampir roboh. Apa ada program bedah rumah? 🙏",
			"3|{sapa} bansos beras 10kg di {desa} kok cuma dpt 5kg?"},
		more: []string{"NIK nya udh sy DM {sapa} 🙏", "pendamping PKH nya susah dihubungi {sapa}"},
		replies: []string{
			"Pengecekan penerima bansos bisa di cekbansos.kemensos.go.id dengan NIK dan nama sesuai KTP-el 🙏",
			"Untuk pengusulan DTKS silakan ke kantor desa/kelurahan agar dibahas di musyawarah desa, atau lewat aplikasi Cek Bansos menu Usul.",
			"Terima kasih laporannya, akan kami koordinasikan dengan pendamping PKH {kkec}.",
			"Laporan Kakak sudah kami teruskan ke Dinas Sosial dan Inspektorat untuk diverifikasi. Identitas pelapor kami jaga kerahasiaannya.",
			"Untuk kartu KKS yang tertelan, silakan lapor ke kantor cabang bank penyalur terdekat dengan membawa KTP-el dan KK; kartu akan diganti.",
			"Program rutilahu diusulkan melalui desa. Kami teruskan ke Dinas Perkim dan Pemerintah {ds} agar didata 🙏"},
		thanks: []string{"0|udh sy cek, statusnya 'tidak terdaftar' {sapa} {emo}", "ok siap, hatur nuhun",
			"3|ditunggu tindak lanjutnya ya {sapa}", "4|oke besok sy ke bank", "1|udh ke desa, katanya kuotanya penuh {emo}"},
		subjects: []string{"Pertanyaan bantuan sosial", "Pengaduan penyaluran bansos di {ds}"}},

	{key: "sekolah", weight: 7, admin: "admin.disdik", office: "Dinas Pendidikan", chimes: askChimes,
		opens: []string{
			"0|{sapa} zonasi PPDB itu diukur dr rumah ke sekolah lurus atau ikut jalan? rumah sy 800m dr {sekolah} tp gak keterima 😭",
			"1|kapan pengumuman PPDB SMP {sapa}?",
			"0|!anak sy ditolak di {sekolah} padahal rumah dkt, yg jauh malah keterima. ada apa ini???",
			"4|jalur afirmasi KIP syaratnya apa aja kak?",
			"3|{sapa} atap {sekolah} bocor, anak2 belajar kehujanan. Tolong diperhatikan 🙏",
			"5|kapan cair dana PIP {sapa}?",
			"2|Anak sy di {sekolah} diminta beli seragam & LKS {rp}, itu wajib gak sih {sapa}?"},
		more: []string{"tolong jawab {sapa}, besok terakhir daftar ulang", "di sekolah cuma disuruh nunggu"},
		replies: []string{
			"Jarak zonasi dihitung garis lurus dari titik koordinat rumah sesuai KK ke sekolah. Jika ada keberatan, silakan ajukan sanggahan ke posko PPDB di kantor Disdik.",
			"Pengumuman hasil PPDB SMP tahap 1 tanggal {tgl} di ppdb.bogorkab.go.id.",
			"Sekolah negeri tidak boleh mewajibkan pembelian seragam atau LKS. Mohon kirimkan detailnya lewat pesan pribadi agar kami tindak lanjuti.",
			"Laporan sudah kami teruskan ke bidang sarana prasarana Disdik untuk dijadwalkan perbaikan.",
			"Jalur afirmasi untuk pemegang KIP/PKH/KKS: lampirkan kartunya saat mendaftar di ppdb.bogorkab.go.id. Kuotanya minimal 15%.",
			"Pencairan PIP mengikuti jadwal kementerian; cek status di pip.kemdikbud.go.id dengan NISN anak ya Kak."},
		thanks:   []string{"0|makasih {sapa}, besok sy ke posko", "oke kak nuhun", "0|sanggahan udh diajukan, semoga adil {emo}"},
		subjects: []string{"Pertanyaan PPDB", "Pengaduan layanan pendidikan"}},

	{key: "sampah", weight: 6, admin: "admin.dlh", office: "Dinas Lingkungan Hidup",
		opens: []string{
			"0|sampah di TPS {pasar} udh numpuk seminggu gak diangkut, bau bgt 🤮",
			"1|{sapa} jadwal angkut sampah di {perum} kapan? udh {n} hari gak ada truk",
			"2|ada yg buang sampah sembarangan di bantaran sungai {desa} tiap malem. tolong pasang CCTV {sapa}",
			"0|punten, runtah di sisi jalan {jalan} ngahunyur, bau pisan {emo}",
			"0|!sampah dimana2. ini kabupaten atau tpa???"},
		more: []string{"makin numpuk {sapa} {emo}", "lalernya udh masuk rumah"},
		replies: []string{
			"Laporan sudah diteruskan ke Dinas Lingkungan Hidup. Pengangkutan di lokasi tersebut dijadwalkan hari {hari} pagi.",
			"Jadwal pengangkutan sampah di wilayah {kec}: Senin, Rabu, dan Jumat pagi. Mohon sampah dikeluarkan sebelum pukul 06.00 ya Kak 🙏",
			"Terima kasih laporannya. Tim DLH dan Satpol PP akan memantau lokasi tersebut; pembuang sampah sembarangan dapat dikenai sanksi sesuai Perda."},
		thanks:   []string{"0|udh diangkut td pagi, nuhun {sapa}", "0,1|hari {hari} gak dtg jg {sapa}", "2|semoga ada efek jera {sapa}"},
		subjects: []string{"Pengaduan pengelolaan sampah"}},

	{key: "pdam", weight: 6, admin: "admin.pdam", office: "PDAM Tirta Kahuripan",
		opens: []string{
			"0|!pdam mati lagi di {desa}, udah {n} hari!! bayar tetep jalan",
			"2|air PDAM keruh kaya susu coklat {sapa} 😩",
			"1|tagihan PDAM sy naik 3x lipat pdhl pemakaian sama {sapa}",
			"0|{sapa} kpn air nyala? anak mau sekolah blm mandi {emo}",
			"0|cai PDAM paeh deui {sapa}, kumaha ieu?",
			"0|banyu PDAM mati maneh, piye iki {sapa}",
			"0|air mati lg di {ds} {sapa}, udh {n} hari 😭 PDAM Tirta Kahuripan kmn aja?",
			"0|{sapa} air mati total di {perum} {kkec} dr kmrn sore, tangki air bisa dikirim gak?"},
		more: []string{"udh telp call center gak diangkat", "masih mati {sapa}"},
		replies: []string{
			"Mohon maaf atas gangguannya. Sedang ada perbaikan pipa transmisi di wilayah {kec}, diperkirakan normal kembali hari {hari}. Tangki air bersih dikirim ke titik kumpul di kantor desa.",
			"Untuk pengaduan tagihan silakan hubungi call center Perumda Air Minum Tirta Kahuripan (0251) 555-0145 dengan menyebut nomor pelanggan.",
			"Mohon maaf, air keruh akibat pencucian pipa setelah perbaikan. Biarkan kran mengalir beberapa menit; jika besok masih keruh, kabari kami dengan nomor pelanggan ya Kak."},
		thanks: []string{"0|udh nyala {sapa}, alhamdulillah", "0|tangkinya gak nyampe ke {kp} {sapa}",
			"1|udh telp, katanya ada kebocoran di meteran", "2|udh jernih lg, nuhun"},
		subjects: []string{"Pengaduan layanan air bersih PDAM Tirta Kahuripan"}},

	{key: "pju", weight: 4, admin: "admin.dishub", office: "Dinas Perhubungan",
		opens: []string{
			"0|lampu jalan di {jalan} mati semua {sapa}, gelap bgt rawan begal",
			"0|PJU depan {sekolah} udh sebulan mati {emo}",
			"1|lampu merah di simpang {kec} mati {sapa}, td hampir tabrakan"},
		replies: []string{"Terima kasih laporannya. Sudah diteruskan ke Dishub bidang PJU, perbaikan dijadwalkan hari {hari} malam.",
			"Terima kasih, tim Dishub sudah menuju simpang tersebut. Sementara ini petugas mengatur lalu lintas di lokasi."},
		thanks: []string{"udh nyala lg, nuhun {sapa}", "ok ditunggu"}},

	{key: "izin", weight: 4, admin: "admin.dpmptsp", office: "DPMPTSP", chimes: askChimes,
		opens: []string{
			"0|{sapa} cara bikin NIB buat usaha warung gmn?",
			"1|ngurus PBG (dulu IMB) berapa lama ya {sapa}? syaratnya apa aja",
			"2|izin usaha sy udh 2 bulan blm terbit di OSS {emo}",
			"0|mau buka usaha laundry di {desa}, izinnya apa aja kak?",
			"en:Hi, I'd like to open a small café in {kec}. Which permits do I need as a foreign investor?"},
		replies: []string{
			"NIB bisa dibuat mandiri secara online di oss.go.id, gratis. Jika butuh pendampingan, datang ke Mal Pelayanan Publik (Senin–Jumat 08.00–15.00, Sabtu 08.00–12.00).",
			"Pengajuan PBG melalui SIMBG (simbg.pu.go.id). Konsultasi gratis tersedia di loket DPMPTSP di Mal Pelayanan Publik.",
			"Mohon kirimkan nomor permohonan OSS lewat pesan pribadi agar kami cek ke tim verifikasi DPMPTSP."},
		thanks: []string{"0|wah gampang ternyata, makasih {sapa}", "udh dicoba tp error terus {sapa}", "2|udh sy kirim ya"}},

	{key: "asn", weight: 4, admin: "admin.bkpsdm", office: "BKPSDM", chimes: askChimes,
		opens: []string{
			"0|{sapa} kapan buka pendaftaran PPPK guru?",
			"1|honorer 12 thn blm diangkat2 pak, tolong perhatikan nasib kami 🙏",
			"0|info loker di pemkab dong 🙏 {sapa}"},
		replies: []string{"Informasi resmi seleksi ASN hanya di sscasn.bkn.go.id dan kanal resmi BKPSDM Kab. Bogor. Waspada penipuan yang meminta bayaran 🙏",
			"Terima kasih atas pengabdiannya. Penataan tenaga non-ASN mengikuti ketentuan pemerintah pusat; informasi seleksi PPPK akan kami umumkan di kanal resmi BKPSDM."},
		thanks: []string{"siap {sapa}", "aamiin semoga tahun ini"}},

	{key: "pujian", weight: 7, admin: "admin.kominfo", office: "Diskominfo", chimes: praiseChimes,
		opens: []string{
			"mantap pak bupati, jalan di {desa} udh mulus skrg 👍👍",
			"Alhamdulillah pelayanan di MPP cepet bgt, 15 menit beres. Nuhun pisan 🙏",
			"keren {sapa}, respon cepet. semoga bisa dipertahankan",
			"Bangga jadi warga Kabupaten Bogor ❤️",
			"sae pisan acara hari jadi kmrn, urang bangga 🔥",
			"en:Good job Pemkab, the new park in {kec} is lovely!",
			"terima kasih petugas damkar yg sigap kmrn di {desa} 🙏🙏",
			"salut sama pak camat {kec} turun langsung ke lokasi {emo}",
			"MANTAP PAK BUPATI 👍👍👍"},
		replies: []string{"Terima kasih dukungannya, Kak {nama} 🙏 #BogorTegarBeriman", "Hatur nuhun, Kak. Semoga pelayanan kami makin baik ✨"}},

	{key: "pungli", weight: 3, admin: "admin.inspektorat", office: "Inspektorat",
		opens: []string{
			"0|{sapa} td sy bikin KK di {ds} dimintain {rp} sama oknum, katanya buat uang administrasi. Itu resmi gak?",
			"0|!pungli di kantor kecamatan {kec}!! bikin surat pindah diminta {rp}. katanya gratis?!",
			"0|Pak, sertifikat PTSL di desa kami ditarik 500rb per bidang, padahal aturannya 150rb. Mohon ditindak.",
			"1|parkir di {pasar} ditarik 2x {sapa}, karcisnya gak dikasih"},
		more: []string{"sy ada buktinya {sapa}, ada rekaman", "tp jgn disebut nama sy ya {sapa} 🙏"},
		replies: []string{"Terima kasih laporannya. Layanan administrasi kependudukan gratis. Mohon kirim detail (waktu, lokasi, nama oknum jika tahu) lewat pesan pribadi atau SP4N-LAPOR! di lapor.go.id agar Inspektorat dapat menindaklanjuti. Identitas pelapor dirahasiakan.",
			"Terima kasih laporannya. Kami teruskan ke Dishub untuk menertibkan juru parkir di lokasi tersebut. Retribusi resmi selalu disertai karcis."},
		thanks:   []string{"0|udh sy laporin di lapor.go.id {sapa}", "0|siap, nanti sy DM buktinya", "1|ok, semoga ditertibkan"},
		subjects: []string{"Laporan dugaan pungutan liar"}},

	{key: "hoaks", weight: 4, admin: "admin.kominfo", office: "Diskominfo", chimes: askChimes,
		opens: []string{
			"0|katanya ada pembagian sembako gratis di pendopo?? bener gak {sapa}",
			"1|{sapa} bener gak ada pendaftaran CPNS jalur khusus bayar 50jt? tetangga sy udh setor",
			"0|ada broadcast WA katanya bupati bagi2 uang 500rb lewat link ini {link}, asli gak {sapa}?",
			"2|!min itu bener ada penculikan anak di {desa}?? rame di grup wa",
			"3|{sapa} katanya besok listrik se-kabupaten padam 3 hari, bener?"},
		replies: []string{
			"Informasi tersebut HOAKS, Kak. Pemkab Bogor tidak pernah mengadakan kegiatan tersebut. Selalu cek informasi di kanal resmi @pemkabbogor_demo dan jangan bagikan data pribadi 🙏",
			"Terima kasih sudah konfirmasi. Kabar itu tidak benar. Seleksi ASN tidak dipungut biaya; laporkan pihak yang meminta uang ke polisi.",
			"Kami sudah konfirmasi ke Polres Bogor: kabar penculikan anak di wilayah tersebut tidak benar. Tetap awasi anak-anak dan jangan ikut menyebarkan pesan berantai ya Kak 🙏",
			"Informasi tersebut tidak benar. Tidak ada pemadaman total; jadwal pemeliharaan jaringan resmi diumumkan PLN lewat aplikasi PLN Mobile."},
		thanks: []string{"oh hoaks, makasih {sapa}, sy sebarin klarifikasinya", "tuh kan, untung nanya dulu 😅"}},

	{key: "info", weight: 3, admin: "admin.kominfo", office: "Diskominfo", chimes: askChimes,
		opens: []string{
			"0|{sapa} jam buka MPP hari sabtu?",
			"2|Car Free Day di Jl. Tegar Beriman tiap minggu kan {sapa}?",
			"en:Hello! I'm visiting Puncak next week. Is there an official tourist information centre?",
			"1|{sapa} mau minta data jumlah penduduk per kecamatan buat skripsi, ke mana ya?"},
		replies: []string{
			"Mal Pelayanan Publik buka Senin–Jumat 08.00–15.00 dan Sabtu 08.00–12.00 ya Kak.",
			"Untuk permohonan data silakan ajukan ke PPID Kab. Bogor melalui ppid.bogorkab.go.id.",
			"Betul, Kak. Car Free Day setiap Minggu pukul 06.00–10.00 di Jl. Tegar Beriman, Cibinong 🚴"},
		thanks:   []string{"siap nuhun {sapa}", "ok makasih"},
		subjects: []string{"Permohonan informasi publik"}},

	{key: "spam", weight: 6, spam: true, chimes: askChimes,
		opens: []string{
			"Slot gacor hari ini 🔥 maxwin dijamin, depo 10rb jadi jutaan 💰 klik {link}",
			"yg mau penghasilan tambahan 500rb/hari kerja dr rumah cuma modal HP, chat WA {hp} 🤑",
			"!pinjaman dana cepat cair tanpa jaminan, bunga rendah. hub {hp}",
			"Jual followers IG murah, 1000 followers cuma 15rb, real aktif! DM ya kak",
			"cek bio aku kak, ada promo menarik 😘",
			"Selamat! Anda pemenang undian Rp 175jt, konfirmasi ke {hp}",
			"JP PARAH!! Baru main 5 menit langsung cair 2jt di {situs} 🎰 link: {link}",
			"Info loker! Dibutuhkan admin online tanpa ijazah gaji 5jt/bulan daftar via {link}",
			"!PINJAMAN DANA CEPAT cair 5 menit tanpa BI checking, cukup KTP. WA {hp} 💸",
			"Selamat! NIK Anda terpilih menerima BANSOS Rp 3.500.000 dari Pemkab Bogor 🎁 klaim sebelum jam 23.59 di {link}",
			"🎁 HADIAH BANSOS sembako + uang tunai 2jt buat 100 warga Kab. Bogor pertama, isi data di {link}",
			"Slot gacor {situs} malam ini gampang JP 🎰🔥 {link}"},
		more: []string{"{situs} {link} 🎰🎰", "promo terbatas!! {hp}"}},
}

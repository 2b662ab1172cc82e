package demo

import "sapa/inbox"

// post is a Page post, Instagram post or YouTube video that citizens comment
// under. Several conversations share a post, as they do on a real Page.
type post struct {
	id, title, text, url string
	topics               []string // topics its comments lean towards
}

const fbPosts = "https://www.facebook.com/pemkabbogor.demo/posts/"

var posts = map[inbox.Platform][]post{
	inbox.Facebook: {
		{"104857600123456_882301", "Pengumuman jadwal perekaman KTP-el keliling Oktober",
			"Disdukcapil Kab. Bogor membuka layanan perekaman KTP-el keliling di 10 kecamatan, dari Jasinga sampai Cariu. Bawa fotokopi KK, gratis tanpa pungutan. Jadwal lengkap ada di gambar. #BogorMelayani",
			fbPosts + "882301", []string{"dukcapil", "pungli"}},
		{"104857600123456_882417", "Update penanganan banjir di Kecamatan Bojonggede",
			"BPBD bersama TNI/Polri dan relawan mengevakuasi 212 warga terdampak banjir di Desa Kedungwaringin dan Desa Bojonggede. Posko pengungsian dibuka di kantor kecamatan. Kondisi darurat hubungi 112.",
			fbPosts + "882417", []string{"banjir", "jalan"}},
		{"104857600123456_882530", "Bupati meresmikan perbaikan Jalan Raya Cileungsi–Jonggol",
			"Ruas Jalan Raya Cileungsi–Jonggol sepanjang 4,2 km selesai diperbaiki dan diresmikan Bupati Bogor hari ini. Perbaikan ruas lain menyusul sesuai prioritas.",
			fbPosts + "882530", []string{"jalan", "pujian", "pju"}},
		{"104857600123456_882644", "Info PPDB SD dan SMP Negeri: jalur zonasi, afirmasi, prestasi",
			"Pendaftaran PPDB dibuka di ppdb.bogorkab.go.id. Simak jadwal dan syarat tiap jalur. Pendaftaran gratis!",
			fbPosts + "882644", []string{"sekolah", "dukcapil"}},
		{"104857600123456_882759", "Penyaluran BLT Dana Desa tahap III",
			"BLT Dana Desa tahap III disalurkan mulai pekan ini melalui kantor desa masing-masing. Cek status penerima di cekbansos.kemensos.go.id.",
			fbPosts + "882759", []string{"bansos", "pungli", "hoaks"}},
		{"104857600123456_882868", "Jadwal pengangkutan sampah baru mulai pekan depan",
			"DLH Kab. Bogor menambah 6 armada pengangkut sampah. Cek jadwal pengangkutan di wilayah Anda pada gambar berikut.",
			fbPosts + "882868", []string{"sampah"}},
		{"104857600123456_882975", "Gangguan distribusi air PDAM Tirta Kahuripan",
			"Pelanggan yth., distribusi air ke wilayah Cibinong, Citeureup dan Sukaraja terganggu karena perbaikan pipa transmisi. Tangki air bersih disiagakan. Mohon maaf atas ketidaknyamanannya.",
			fbPosts + "882975", []string{"pdam"}},
		{"104857600123456_883088", "Waspada hoaks! Tidak ada pembagian sembako gratis di Pendopo",
			"Beredar pesan berantai tentang pembagian sembako gratis di Pendopo Kabupaten. Informasi tersebut HOAKS. Selalu cek kanal resmi Pemkab Bogor.",
			fbPosts + "883088", []string{"hoaks", "bansos"}},
		{"104857600123456_883190", "Selamat Hari Jadi Bogor ke-544",
			"Tegar Beriman! Terima kasih seluruh warga yang memeriahkan kirab budaya di Stadion Pakansari hari ini. 🎉",
			fbPosts + "883190", []string{"pujian", "jalan", "sampah"}},
		{"104857600123456_883302", "Mal Pelayanan Publik kini buka hari Sabtu",
			"Mulai bulan ini MPP Kab. Bogor di Cibinong melayani perizinan, adminduk, dan BPJS setiap Sabtu pukul 08.00–12.00.",
			fbPosts + "883302", []string{"izin", "dukcapil", "info", "pujian"}},
		{"104857600123456_883415", "Bulan Imunisasi Anak Nasional di posyandu dan puskesmas",
			"Ayo bawa anak usia 9–59 bulan ke posyandu terdekat untuk imunisasi campak-rubela. Gratis!",
			fbPosts + "883415", []string{"kesehatan"}},
	},
	inbox.Instagram: {
		{"18023456789012345", "Bupati meninjau lokasi banjir di Bojonggede 🙏 #BogorTangguh",
			"Bupati Bogor meninjau langsung lokasi banjir dan menyerahkan bantuan logistik kepada warga terdampak. #BogorTangguh #BPBDKabBogor",
			"https://www.instagram.com/p/C8xKq2LyT4a/", []string{"banjir", "pujian"}},
		{"18023456789012377", "Yuk cek jadwal PPDB! 📚",
			"PPDB SD & SMP Negeri dibuka! Swipe untuk lihat jadwal dan syarat tiap jalur ➡️ #PPDBKabBogor",
			"https://www.instagram.com/p/C9aLm7RsQ2b/", []string{"sekolah"}},
		{"18023456789012409", "Car Free Day Jl. Tegar Beriman setiap Minggu 🚴",
			"Car Free Day kembali hadir setiap Minggu pukul 06.00–10.00 di Jl. Tegar Beriman, Cibinong. Ada senam, UMKM, dan layanan adminduk keliling!",
			"https://www.instagram.com/p/C9cNp4VwZ8c/", []string{"info", "pujian", "dukcapil"}},
		{"18023456789012441", "Lomba foto Hari Jadi Bogor 📸",
			"Ikuti lomba foto bertema 'Bumi Tegar Beriman dalam Bingkai'. Total hadiah 15 juta! Info di link bio. #HJB544",
			"https://www.instagram.com/p/C9fQr8XyA1d/", []string{"pujian", "spam"}},
		{"18023456789012473", "Jalan mulus, warga senang 😊",
			"Perbaikan jalan di 12 ruas jalan kabupaten tahun ini. Ruas mana lagi yang perlu diperbaiki? Tulis di kolom komentar!",
			"https://www.instagram.com/p/C9hTs2ZaB5e/", []string{"jalan", "pju"}},
	},
	inbox.YouTube: {
		{"Vx7kP2mQ9aB", "Live: Rapat Paripurna DPRD Kabupaten Bogor",
			"Siaran langsung Rapat Paripurna DPRD Kab. Bogor: penyampaian nota keuangan RAPBD.",
			"https://www.youtube.com/watch?v=Vx7kP2mQ9aB", []string{"jalan", "asn", "pungli"}},
		{"Lq3nR8tW1cD", "Ngobrol Bareng Bupati: Jalan Rusak, Kapan Diperbaiki?",
			"Podcast bersama Bupati Bogor membahas prioritas perbaikan jalan dan anggaran infrastruktur.",
			"https://www.youtube.com/watch?v=Lq3nR8tW1cD", []string{"jalan", "pujian"}},
		{"Hd5sJ0yU6eF", "Tutorial aktivasi IKD (Identitas Kependudukan Digital)",
			"Cara aktivasi IKD langkah demi langkah bersama Disdukcapil Kab. Bogor.",
			"https://www.youtube.com/watch?v=Hd5sJ0yU6eF", []string{"dukcapil"}},
		{"Tb9wE4iO2gH", "Live: Pelantikan Kepala Desa Serentak",
			"Pelantikan 201 kepala desa hasil Pilkades serentak di Stadion Pakansari, Cibinong.",
			"https://www.youtube.com/watch?v=Tb9wE4iO2gH", []string{"bansos", "pungli", "pujian"}},
		{"Mc1aZ7xN3kJ", "Sosialisasi PPDB Zonasi untuk Orang Tua",
			"Penjelasan sistem zonasi, afirmasi dan perpindahan tugas orang tua pada PPDB Kab. Bogor.",
			"https://www.youtube.com/watch?v=Mc1aZ7xN3kJ", []string{"sekolah"}},
	},
}

// pagePosts are the posts of the kecamatan's, kelurahan's and desa's own
// accounts, by account: their citizens comment under their own unit's news.
var pagePosts = map[string][]post{
	"desa-bendungan-fb": {
		{"104857600777001_501", "Jadwal Posyandu Desa Bendungan bulan ini",
			"Posyandu di enam RW Desa Bendungan, Kecamatan Ciawi, mulai pukul 08.00. Bawa buku KIA ya Bu. Imunisasi dan timbang balita gratis.",
			"https://www.facebook.com/pemdes.bendungan.demo/posts/501", []string{"kesehatan"}},
		{"104857600777001_502", "Penyaluran BLT Dana Desa tahap III di Kantor Desa Bendungan",
			"BLT Dana Desa tahap III untuk 84 keluarga penerima dibagikan Kamis di aula kantor desa. Bawa KTP-el dan KK asli.",
			"https://www.facebook.com/pemdes.bendungan.demo/posts/502", []string{"bansos", "pungli", "dukcapil"}},
		{"104857600777001_503", "Kerja bakti membersihkan saluran air menjelang musim hujan",
			"Minggu pagi warga Desa Bendungan kerja bakti membersihkan saluran dan gorong-gorong di sepanjang Jl. Raya Ciawi. Yuk ikut!",
			"https://www.facebook.com/pemdes.bendungan.demo/posts/503", []string{"banjir", "sampah", "jalan"}},
	},
	"desa-cijayanti-fb": {
		{"104857600777002_601", "Pelayanan surat pengantar KTP dan KK di Kantor Desa Cijayanti",
			"Kantor Desa Cijayanti melayani surat pengantar adminduk Senin–Jumat 08.00–14.00. Gratis, tanpa pungutan apa pun.",
			"https://www.facebook.com/desacijayanti.demo/posts/601", []string{"dukcapil", "pungli"}},
		{"104857600777002_602", "Perbaikan jalan desa menuju Kp. Cibogo dimulai",
			"Pengecoran jalan desa sepanjang 600 meter menuju Kp. Cibogo dimulai pekan ini dari Dana Desa. Mohon hati-hati saat melintas.",
			"https://www.facebook.com/desacijayanti.demo/posts/602", []string{"jalan", "pujian"}},
		{"104857600777002_603", "Info air bersih untuk warga Cijayanti",
			"Perbaikan pipa PDAM Tirta Kahuripan di wilayah Babakan Madang; air bersih dikirim dengan tangki ke titik kumpul di kantor desa.",
			"https://www.facebook.com/desacijayanti.demo/posts/603", []string{"pdam"}},
	},
	"kel-pakansari-fb": {
		{"104857600777004_701", "Jam layanan Kantor Kelurahan Pakansari",
			"Kelurahan Pakansari melayani surat pengantar, SKTM dan legalisir Senin–Jumat 08.00–15.00. Layanan tidak dipungut biaya.",
			"https://www.facebook.com/kelpakansari.demo/posts/701", []string{"dukcapil", "info", "pungli"}},
		{"104857600777004_702", "Senam bersama dan Car Free Day di Stadion Pakansari",
			"Minggu ini senam bersama warga Pakansari di area Stadion Pakansari, dilanjut pemeriksaan kesehatan gratis.",
			"https://www.facebook.com/kelpakansari.demo/posts/702", []string{"pujian", "kesehatan", "info"}},
	},
	"kec-ciawi-fb": {
		{"104857600777003_801", "Rapat koordinasi siaga banjir dan longsor Kecamatan Ciawi",
			"Camat Ciawi bersama kepala desa, BPBD dan relawan menyiapkan posko siaga bencana di 13 desa menjelang puncak musim hujan.",
			"https://www.facebook.com/kecamatanciawi.demo/posts/801", []string{"banjir", "jalan"}},
		{"104857600777003_802", "Perekaman KTP-el di Aula Kecamatan Ciawi",
			"Perekaman KTP-el untuk pemula dan cetak ulang KK di Aula Kecamatan Ciawi setiap Selasa dan Kamis. Gratis.",
			"https://www.facebook.com/kecamatanciawi.demo/posts/802", []string{"dukcapil", "pungli"}},
		{"104857600777003_803", "Arus lalu lintas jalur Puncak akhir pekan",
			"Simpang Ciawi padat setiap akhir pekan; ikuti arahan petugas dan jadwal satu arah jalur Puncak.",
			"https://www.facebook.com/kecamatanciawi.demo/posts/803", []string{"pju", "jalan"}},
	},
	"kec-cibinong-ig": {
		{"18031234567000101", "Bersih-bersih bantaran Ciliwung bareng warga Cibinong 💪",
			"Kecamatan Cibinong bersama warga Nanggewer, Pakansari dan Karadenan membersihkan bantaran sungai. #CibinongBersih",
			"https://www.instagram.com/p/DCb1nongA01/", []string{"sampah", "banjir", "pujian"}},
		{"18031234567000102", "Layanan adminduk keliling di Kelurahan Karadenan 🪪",
			"Perekaman KTP-el, KIA dan cetak KK keliling hadir di Kelurahan Karadenan hari Sabtu. Bawa fotokopi KK ya!",
			"https://www.instagram.com/p/DCb1nongA02/", []string{"dukcapil"}},
	},
}

// pickPost chooses the post a comment on account acct (platform pl) about
// topic t sits under: usually one about the same thing, sometimes any post,
// since people complain about roads under every post. A unit's own account
// has its own posts.
func pickPost(r *rng, acct string, pl inbox.Platform, t *topic) post {
	ps := posts[pl]
	if own, ok := pagePosts[acct]; ok {
		ps = own
	}
	var match []post
	for _, p := range ps {
		for _, k := range p.topics {
			if k == t.key {
				match = append(match, p)
			}
		}
	}
	if len(match) > 0 && r.chance(0.7) {
		return match[r.intn(len(match))]
	}
	return ps[r.intn(len(ps))]
}

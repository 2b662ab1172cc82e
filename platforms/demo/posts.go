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

// pickPost chooses the post a comment on platform pl about topic t sits
// under: usually one about the same thing, sometimes any post, since people
// complain about roads under every post.
func pickPost(r *rng, pl inbox.Platform, t *topic) post {
	ps := posts[pl]
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

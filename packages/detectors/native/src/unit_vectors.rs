// Written by native/scripts/unit-vectors.mjs from the TypeScript engine: do not edit.

#![allow(clippy::type_complexity)]

pub const ENTROPY: &[(&str, u64)] = &[
    ("", 0x0),
    ("a", 0x0),
    ("ab", 0x3ff0000000000000),
    ("aaaa", 0x0),
    ("abcdefgh", 0x4008000000000000),
    ("héllo wörld", 0x400837a471594f12),
    ("日本語のテキスト", 0x4008000000000000),
    ("x😀y", 0x4000000000000000),
    ("n", 0x0),
    ("J", 0x0),
    ("c", 0x0),
    ("a", 0x0),
    ("b", 0x0),
    ("B6fL", 0x4000000000000000),
    ("7dAR", 0x4000000000000000),
    ("69d5", 0x4000000000000000),
    ("abab", 0x3ff0000000000000),
    ("bc b", 0x3ff8000000000000),
    ("fyxKB1I", 0x400675767f54042d),
    ("6nuejqy", 0x400675767f54042d),
    ("6edb833", 0x40042c51ed0adf9a),
    ("bbaaaab", 0x3fef86fd27ebb77f),
    ("acabbbc", 0x3ff8e810dd1a6e08),
    ("7MKVJtYb5k", 0x400a934f0979a371),
    ("Lg1TmwNZao", 0x400a934f0979a371),
    ("4fbf44bbf2", 0x3ffe53cfcc7d1c6b),
    ("bbaaabaaba", 0x3fef1206fb26ddae),
    ("a a abc  b", 0x3ffd8b03fb768e10),
    ("orWnJDTNYNfZi", 0x400c5f6c7256ce83),
    ("w1AXHJ7bViF91", 0x400c5f6c7256ce82),
    ("feed8bd65c6e1", 0x40083744df759b1e),
    ("babbbbbbababb", 0x3fe8f06f11e9ff66),
    ("cbc ca   bcaa", 0x3fff33760db02289),
    ("hZyiD38GkKaSFdMI", 0x4010000000000000),
    ("58eLIZ9/CGKA0Uf/", 0x400f000000000000),
    ("85529c7a6c8db437", 0x400c000000000000),
    ("abaabbabaabbabbb", 0x3fefa36cf1058e86),
    (" bca cbc   b cb ", 0x3ffc593850967c58),
    ("bPiamTDZr6Wen9UZ6mB", 0x400f7504c9e0fe11),
    ("mTLRYsS81JnUgpVDBUV", 0x4010264c7fe305c6),
    ("864f8b0f8c0f9703bb2", 0x4009f9a5f4862093),
    ("bbababbbaaabababbab", 0x3fef6c0f15c612e4),
    ("b cccbbab bbcac b a", 0x3ffee695e1384f44),
    ("ejwviDplFr1g9HhEnQtg6N", 0x4011795df831ba42),
    ("A1VgDlfc0iMiCjgVyz1LM/", 0x40100500e0ebe8cf),
    ("7350a254fcd9fea0d5a596", 0x400c20d319989058),
    ("aaabaababbaaabbbbbbbab", 0x3fefcf187230f199),
    (" b ac accba  aacacaa a", 0x3ffd6caf413e730c),
    ("ntIn98s8C483dQcMYmDPMtGay", 0x4010dac9de2a9b32),
    ("O2YMdly63sLiSVIn1d97aAmOK", 0x4011ef77ff3c32cb),
    ("20d35ab621f5cb36f5a1c6c3f", 0x400afba7d280cb82),
    ("aaabbbaabbbbbaaabbbabaabb", 0x3fefaab37305b5bd),
    ("cabac b  baab  bbcacbaabc", 0x3fff8120f5bc980a),
    ("l15WfRRXkMJKQx6BygACnbuwqksJ", 0x40125f4d88ce9461),
    ("5Mr4KlVMd8iug6NDLxPPDE3RSvru", 0x4011cd04643c4b3c),
    ("89f13eef942093e1828f71dca975", 0x400d0651931f8028),
    ("baaaaaaaabbbabbbaaaabaabbbab", 0x3fef86fd27ebb77f),
    (" a acbc a bcaacccaaca cba c ", 0x3ffe5dc1bfa8ac28),
    ("3He3EXLIzEGwE9saSwhmgOr4IDsaiyn", 0x4011e9b5b37f25a1),
    ("EDDmRN/hBwGHJ/4f2+Sb7QfihhTzVcu", 0x40126dd6bbc13625),
    ("e23e7e4af75f14eb6d6a049d04487d6", 0x400d57eae20481a7),
    ("abbbaaababbabbaababbbbbaaababab", 0x3fefc8924aa205ba),
    ("cca aa ccc cacbc   cccca aabccc", 0x3ffbb3dc969a0e58),
    ("RLl20xyTKWAlll1Tr0sFZzdnHBl1P6VKIo", 0x40120af73956e756),
    ("vGXhtLXl0Ke1OIKrhofExTRZArXeeWa+VC", 0x40128671ab49bdd2),
    ("0363a840886f3077282d9dfeb34907af8c", 0x400d2466c61fb670),
    ("aabbbbbbbaababbbbabbaababbabbabaab", 0x3feeb5c149e51f70),
    ("aaccca bca acbb  ba  bac ccb ab bb", 0x3ffff5c53ae5502c),
    ("teixaHkQkEigHtSy8dUII7AN0vbfVim63I6PT", 0x4012f1e2a910b105),
    ("yBeqt3Fn21oY9+xaJHsZgly2bQsLwUe7nFmt5", 0x40135305524b0f31),
    ("9f9e568b11a9aabf728eca2d5e64f8925e2bf", 0x400d13eec493fcf1),
    ("bbaaaaaabbabbaaaababbbbaaaabaaaaaabba", 0x3fee9ed4faa040cc),
    ("a  bc cac a   baaabaac  bbabb  caccaa", 0x3fff4bf16315ee2e),
    (concat!("kTNi", "BdKEz4jkTzLK4jnn", "PnOrgiMJCb4Dn0F5t9IZ"), 0x4012cfede345062c),
    (concat!("FU31", "s2p4YY13LqePMQ+I", "Bd2W5+MjyuafTR5BQHKL"), 0x401349a784bcd1ba),
    (concat!("0f82", "62fa76181f39ddc8", "00b54c5dfe5e2cc8ee30"), 0x400e85c20d77aaed),
    (concat!("bbab", "bbabbbbabaabbaab", "babababababbaababbbb"), 0x3fee8ab92d981957),
    ("a c bc   cacacbcbcab aa ca   ccbccaaccba", 0x3fff0ce23e33aa82),
    ("PpkMozA3BWYfOEiBVGDxGq9fT8Bz8SKDXqorE8q1ckA", 0x4012e3c61a9c4a28),
    ("Pi2cgIO7gxcws/hqtrL8yYo1ULUJYpC7GAkREVqFgkg", 0x4013a8968fd2c9a6),
    ("e73bde8b364b9599691f5a2c7ddd6c3b12b6c3c9387", 0x400db858efef9e1a),
    ("babaaaabbbbbabaaaaababbabababaababaabbbaaba", 0x3fefe336962f8ca8),
    ("cabaa b bbba baccc c  b ab cbaccabca aaa bb", 0x3fffd4579b11572c),
    ("HsrAZR93GAqqPajQySVgxCtCGAIx3ecqqezRHKXEMOtPhr", 0x40133ef9a464b227),
    ("05HMX8YLL9TC29mBw9vlg9o6Zdq2Fp0tHTLqHIFsj9Pk0S", 0x4013260e5631eb71),
    ("b50587a8d14e0650bdae77033c1e2dc2d471e7b8b30c9c", 0x400e3be1f127ab79),
    ("bbbbbaabbbaaabbaaaabaaaaaabbbbbbbbbbaaababaaba", 0x3feff4d368d574b0),
    ("cab  abbabbabaab cc aca  abba caacabccc a a ab", 0x3fff66fa7b63fb5f),
    ("7L6nNEyE8q9aq8P5EfVavdAZQQtlDP1LnmROTUlRu8AWxpJSv", 0x40140cc4d085fbc4),
    ("8qFaFDVyfrMz7LYqZHd/YBpihFdDfI2jyBDhiAT8QiMO6Ei4F", 0x40134b909840977b),
    ("32d7e23e2614b6fe95125d1d54f37f7c349024d9660a1834a", 0x400ec742435d48ff),
    ("babbbabaaaabbbaaabaaaaabbbabbbbaababbabbbaaaaaaaa", 0x3fefc25d0960027e),
    ("a  b baaa abbcbca bbaa  b cac cabcacaca ba aaccac", 0x3fff727d925a3834),
    ("Pu5xwRCXDf0IGzBux6d0E4oDMcG3kehx4dfzOnA24grIbiUDAPP5", 0x4013f43ff9936b19),
    ("I/OXdeK+soXM5Phn423cEhDEXygetjCa3RhilZOVhl+kXt6VaQCG", 0x40140853c30404cb),
    ("e4d663004f5b7c2f95335fb2e6be559fc9afd8471883e9b8e37f", 0x400ebdd07cede8f5),
    ("aaaababbbbaabbbaaaaabbababbabaababbabaababaaabbbabbb", 0x3ff0000000000000),
    ("ccaacac ccbc b bcacbc cab aaca acabacccaa cab b bbac", 0x3fff14a8427375c2),
    ("2f91lofedLRG47NITTbRlptHdoXGXZYqhBJd7EZfUOy0uPWqKLag1Lj", 0x4014a22aa846443a),
    ("/2yX+htHljabJr1esBI74sTnPcDBSJeJoYAG/tzcWTb2022goKQR2ym", 0x40147b1229fa9f0e),
    ("0c5555e1d1a1eeb33148ff81a074802e707e279c3276a73f7f51559", 0x400e26a43d9fe296),
    ("aaabababbbbabbaababaababbbabaaaabbbabbaaabbbbbbbbaaabab", 0x3fefcf187230f199),
    ("   ccba bc aca  aaaa bba cbcac a b a a ccc cbacacaa ab ", 0x3fff18c96f5504dc),
    ("5gRZ5qGGMKyQoBaU8kUnBXvx4FPeL42dwQvmACjcY2uKUnuQsHOQo7lwkR", 0x4014c2592b631125),
    ("KxEOObE7SW6pRQ0O7sjUW9ZBkej8MwoXmZZLprZ2u9JW05IJtUV01ZQL5o", 0x40142157ed5e1b45),
    ("f91f320ee6265be31fd522198dcb3499dae5016ad214c441e629372b16", 0x400e88859fe268d0),
    ("aaabaabbabbababaabbbbababaabbbbbbabbaabbaaaabaabaaabbbbbbb", 0x3fefc0a5f746c964),
    ("bbcbababbcccc  a  bbaaa acaccaaba c bbc cccc cbcaaacbb  bc", 0x3fffa750042b6bb6),
    ("Cf1z1dIGcIK2eXx1V9g1WMoBkMiJwV8zCiN9JGRZ0oeczQeeq6h6yFeerKsEE", 0x40142a23ef5ef489),
    ("0+shIr71h2hMiXntNUnLthauPnNGPpBrWnZpLTaO7dNuhJMvj4aUJ5aGVaP+A", 0x40139c0cb09b2544),
    ("fe4e4b596afb82677473fe5285812e066bcc7ff6b10edb6a0ddfb146929f9", 0x400ee53f36f1785b),
    ("babaaabbbabbbaaabbbbabbbabaabaabaaaaaabaaababbbabaababaabbbba", 0x3feffe696e579122),
    ("ab bbabbccbbbcc accabcbbb bca aacbbcbaabaaccbbaabbcb c cc ccc", 0x3ffe375fb07239e4),
    ("XREmxsSoaAo3aGI9IgzSlqTqQvahM5Jbhr6uaK0UZXqojQxSW8nFxEy9XRrSExY5", 0x40146fafec54831f),
    ("s0mk5yON6f7dvvLJA5IN3g8XKxOyTZXxXGTuSMm92UpU8vLa080VakPvJhhdBf+T", 0x40148fafec548320),
    ("da7efd9806e4b9e4fdd304e4be423d048c19112754b87132f6d91514fa8c12ae", 0x400ef1beb18f1d98),
    ("bababaaaabaabbbbbbbabaaabbaabaabaabaaaabbbabaabbbaaaaaaaaaaaaaaa", 0x3fee8ab92d981957),
    ("aaa  acb bbccca bcb  bcb b bbc abacc c a acb ca  c abcbb abacaac", 0x3ffffa39b78bb46d),
    ("EMFD5JnBcr2F6CrW2Ccx0kz5IAddd6gn09cSiv6xqqpbSSznjnoDPgtGeTykIqOmiLR", 0x4014d0accb0204aa),
    ("4PcsIEYPcaDiTi98tkv8pYe2Fdo2FXZq7Mjx29u/Ic6ix8Z1gWCwvgQxKWFKmjijfNX", 0x4014e3b46a9bee7b),
    ("4d7ee2c65dd2227231339fb23d08b430201a0d7c7612267923e1ff552574ce30fcc", 0x400e31a63e7d4dc6),
    ("bbbbaaaabaaaabbaaaabababbbaabbbabaabaababbaaabbbaaaababbaabaaabbaaa", 0x3fef950ca0ef965a),
    ("c abbbcbaab ca       bc bbbc c aaaa ccaac ba bba ac a bb b c cc bb ", 0x3fff66954ec82748),
    ("9PcGRVVuJdeHQI9cw3NVB52NSlGOIfJKYG10VfLK9N1Ku5mHSsEctpGDs424D3C3rDXTVA", 0x4014825a5a7578a8),
    ("RzjYKZCGCs8U19iKmmp6jTaIL2gq7aVsrXeefGtA5thT44WuncnSpoZ1CMH+RpUcUxVxnV", 0x401571be1ba2d761),
    ("320cd6f1a3ac4c32c298c3863640de06cd1681dd48bc40d52494872946a73910b29042", 0x400e241741a0c82a),
    ("baaaabaaaabaabbaabababbaaabbbaabbbaaaaabbbabbbbbaabbababababbbbbabbbaa", 0x3feffb2ce9ca0821),
    ("bcc bc   c aaa bc bccab ab bca  cacbabaaa cc  a aa bb caababcacccccbab", 0x3fffe4fc77d64e0e),
    ("EPEdp8pTGKjn9EbXkOhqLEb3d9Ho8Ep3RtBGT0FsPt3khUcdstM53CbaZKtnJ82IWmR5c3kqL", 0x4014523fd1115ed2),
    ("Lt92w+riSMoHEMR2gsOyvM1vzh/Lj5yWLs2eQ9UnsMilqo915M7yqxkDl/mtIcrw2zuwUPBAu", 0x4014f51a31d4a8ce),
    ("3fc18c2787250d4d37c84649031905b857f6b7c660e4834ad97ee7ec5f6ed561b094ed780", 0x400f0987fa50cee7),
    ("babbbaabbbaaabbabaabbbbbaabaaaaaaaabbbaaabbbabbabbaabaabaabababababbbabbb", 0x3feff604656339d0),
    ("abca ba  bcbccab a bccabac acb  ab aca aca acbaacc   a cbbcaacabbbc a  cb", 0x3fffe403986c39e9),
    ("fGWBPMm7dAdOHJ10o1AM7K9EVP3JAg96dU6tcbYHBGc1H2TIPN3qEFYKI63ae7BHVzbYMjYjHEHa", 0x401432fb769d9469),
    ("85163KDpBZ1XAwWJ2spO9m0zqueKNz8aCGydjtVoBw/yHIHgNn8jUferyvSQen4W6bywp+ro99pe", 0x4015b6f180effa4a),
    ("7c4662d217260ec30b24725b14a47c6c20f03d04aa63cac959c0bed116fc227aabf9266c4a77", 0x400df0f50cc85af6),
    ("abaaabbaababaabaaababbbbaaabbbaaaabaaabbbbabababbaaaaaababbabbbababababaaaba", 0x3fefbe66da56df36),
    ("abaa b aabcaabccab  b b abbb bbaccbcbbc cc c ac bc a  acbb c abc bc a aaac  ", 0x3fffeb8199c29a59),
    ("S81RZRYx57TkM80lfNUEn2BlHK9VQVczpwzlphKFxnYM7VbP0oD4ZNzNjntRobTMG1wnKcVZOcvGzDz", 0x4014d0c04c45f642),
    ("wuUOONsPT0IZm5RF7gJeKZlLnp2N2tawbaqRWil/JXf31F3gfO6j4f7TJ9OjiIYhjHx721nppgPNC3J", 0x40154386d58d27ce),
    ("30fea32fef64ee60272c8921352e9bd3ebfc8c7af37a8624030dadaf6347af7f21faa7406dd43b4", 0x400e9a1e11fed7d4),
    ("bbaaaababbbbabbaababbbabababbababaaabbaaaabababaaaabbbaaaabaabbaabbbabbbbaabbbb", 0x3feff779eff8c06e),
    (" babcb  a cbaaac bbcacacccba b  aaccccaaa  ab aaccacaccaaaaaccababacbb cb ac   ", 0x3fff3b4d26a68664),
    ("nSSt9lNLXkfXoXGIZhjG8Y0rOxmFqZgOwGuSX0VxqLGsX47UD19OdNgcLTEJ65qJrbscTPPA51kH1W5MjY", 0x40159e595e826a03),
    ("stLB7yMCad/SW5XeaHbPmvJs/qy8gks/0R8u7AiiwHG2nyAJgWUw9ez5EhucpnQaapa9ElaTRW9vKTR/J/", 0x4015409188c8db9e),
    ("0516366f478add4105766d0644a7d0d47c38a29d58ccfd658b8c2870da95acabd73ad4b5235a061743", 0x400e1c85e74b3646),
    ("bbbaabbbabbabbbbaaaaaabbbbabbbbaaaaaaaabaabaaababbabaaabbbbaabaabbaababababbaabbbb", 0x3feffc7bfc21064e),
    ("bcab c  b bcc c aab abbbaba a b aaac ccccc a ccaaac aaacba abac cabccabba cbaab  c", 0x3fffc364f22b22ad),
    ("NqKyjlYEcmbuOIoYJstrk2OvdcdPWYzdlHsu93SuXBKqQYvVbEpxXxT8yUNWv1YLc4c0rdFdOQW5omybEynUe", 0x401551ea5bf43536),
    ("lJZB8drSirZsmNl8nTUjFcNlILxwKBKn7ReFtETgaE8uoAIqLO3ubsGoXEQmPjPOwktqW6WHpt1vfq4LOXlzj", 0x4016184352c9032d),
    ("bd888c460707cdf0392c14da66495cc3dcb2f2c4badff6cc4cd16d5d6e9f8dfb283f156e2dd6f2d908e55", 0x400e7fd752853bea),
    ("aabbaaaaabbabbaaabbbbbabbbbaaaabababaababbbbabaaabbababbaaabbbaabbaaaaaaabbaabbabaaaa", 0x3fefd7e0b7e8285c),
    ("c   babbbbb bcabcbbbbba   ca bb  cab   acb caccb acaabbcac bc abca  c bcbbccccc b  a ", 0x3fff6fba37ec162c),
    ("lZJJWVJ49D90ghAk3X7o0rJTs6IC65ROoXow1zgTaklxBybKyLBzazf0rk9S2uhbAgTJ4uVBLQJmqN3BW0d3nsJd", 0x40153feefa187e15),
    ("M2d5NuVdiHdzgN3XBKwSe0XkyTHzRkbShUClouylMhrWDWPvR0y5423EtjMeoo53ySpO52Ez77rGGzPJfwmKgg7s", 0x401578e97e7e1be7),
    ("0a82c2fbd9a1142e913e62b0ee5ced2b6f70d2ee9528d11e6b221a09ca10ad33932bbbe5f24987de5c41701d", 0x400ecf9de2a1e61a),
    ("aabbaabaabaabaaaabbbababbbabaaaabbaabbbbabbbbababbaababaabaabaabaaabbaaaabbaabaaaaabbaaa", 0x3fef91c60b3d62df),
    ("ab    b a a a ccc acacbccb ba abb cacaccc cbbaabbbbabc bb cbccacbabccb abb cbb  acabacba", 0x3fffd2bb5487e6a2),
    ("WzAA5fe7hinTr2TUrCD624xeDodUXy70GmKjqrYuWEaohZIhGsgW3MpqDsvfTU7hVpzg6njBjKkcIQzjFmKTvruxTpi", 0x40158224a819bbb1),
    ("tV62KOwKKO5S/wVqNlhQYfHwrc1QsEjNSAb47lF1jB0UzHGxhEo50yUZD2VBWeenH7UuQZsfN970oHuIAdgp8mAdlHP", 0x40160632ae9ab4e5),
    ("5f0e9df18a94b00eeb6bee8c71471ffae5511422f60b776f85b1dbaa09050085b90baefc1867b49cefbd0fd7352", 0x400ec6f2bf768a75),
    ("babaabbbbbbaaaabaabbaaababbbbabbbabababaabbabaaabbbbababbaaaababaaaababaaaababbabbbabaababb", 0x3fefff4950e83adf),
    ("cca aa baab aba abbccb b  aa ba bba c bcab a acaabbbaca acbcaba  ca a  acabcb ccbbabca  ac ", 0x3fff981871b6b181),
    ("1isejFweEhOa1U2LysPVqn1ovmbd9ULlXwHukv6jM6OSOeynRPTi92lvUtzcExZpZXPhaNjhFquLppqRrds9VZhhCVxROI", 0x40155c163cde543d),
    ("X7dJxiJ0P82w+AiNqj5hdAPupgnKcfwbdyhY3WieLc9FN1geEf5kzWPkhvbTO6c61VYTcb9J14r2xegiTHjh0yqpci7qoh", 0x401577ebf8ade41e),
    ("ed3947e9e59f9b212c343e6d2eea4c367f671cc71ecca7601e42892510a27595a741139dfc659b4b4053a4d3cefc60", 0x400f153ab91655b9),
    ("bbaaabbaaaabbbbaabbbbbaabaaaaaaabbababbabbabbbbbabbbaabbbabbaaaabbaabbbabbbbabaaabaaaaabaaaaba", 0x3ff0000000000000),
    ("cc  c    ccc aa b a bca c bc a abcbccaabcacacab acc ac ba bbbcbb   c    cbacbaac ca a a  c bcb", 0x3fff63c27161e678),
    ("iXAA0ZAizTxmiHeu5RIQCEqBc8GUhh68iVnfyYV1QHlZ4h8e4l6i5gKMML5Y8iFeMA6d120bebyWKGJ2AE2D89TRFOWiLczHL", 0x40155cc1d5d51fc4),
    ("/UzBcK1YkThvYf9HH221OP94vsE1Cr5J2jjiz0XLsY1xRJIpTEQJ/0zUtB6LOcx5jCRliNNLOPyIyj5+4WZTS0nOATlssvE5h", 0x40157318072d068c),
    ("9d254e66bfad006183d105c7ca84185e8127a0a74469988e8af8fc9bc753297ea0ed317e2cd741ed95f2d08dcec6738f1", 0x400f6e24cb78ca2d),
    ("bababbbaaaaabaaabaabbbbabbbabbbbabababaababababaabbabaabbababaaaaabaaabbaaaaabbbbbbaaabbbababbbba", 0x3fefff5f37b083ca),
    ("abcb   caba  acbab cabccc bcbc b abcb bacab cac ab   abcb  a acb bb a a  b caacca  cba  a a c bbc", 0x3fffb4fa8f030b7a),
    ("s4TfK4oCqIKB9j0AQLC9Hx5oriQDaOqBaqehikMno5eMZ0GsQzreoPVQOCSlUFCZzTnIGl2AIIavvD9RSfFvFjkTfnfKTKERpnHz", 0x401529ff9748eea2),
    ("eQi7rfFKZMZZVAwCw7Ln9DqYlGQzOyLEC/sgwgcwY+5FYOGcs7jSMnBdz8UliFw073BN7dhKvqrdeXlYDSdtuH5VxthtPEr6q0fE", 0x4015ea501e7dbaf2),
    ("8b6ecaa9981e74f1badfbfcf3bc7a8341fff193bb358c027a19b53c08627aed1bf551ffd1188031106294c91a10772ec2a1b", 0x400ee1a509de3402),
    ("bbaaaaaaabaaaabbaaaaababbaabbbbabbabbbbbbaaabbaaababababaabbbaaaaaababbbabbaaaabaaabaababaaaaaabbaaa", 0x3fef3f7de93afe26),
    ("b caac  ba aca cba bba bb a bcacbc c bac caccaa cca bc acc  a cacca ccc  bacabcba ac c cca abaccbcac", 0x3fff4c4c9e3c9f0d),
    ("5RJt54YVqgPq2EJDFsSUxgvFN45luDEryzopxGW6ClrhHZrsNga2RKsTuvvKTzPou6GUPhV3M4VUuHFXNqkZFnX5ZcsAjAsN7BGiPp9", 0x4015c26b8a8d5307),
    ("+IxSq0JKxNsFxUBixrn5NgS59hGM8E80DnkPvX1QAxgldmjDlj+LBo5dO1+erG4XLwXj8ZbqI5JYtqJSo6UuSa0yvyPI/ynedT3J6hu", 0x4016323755c9acfc),
    ("65103208988fa4c8f241cddcebf5fa620efd830588b49501563f65c560bea0a7582c97194896c3131b1b9d6c07cbc3d4b7167d2", 0x400f902f752660e0),
    ("baaababbabaabbbaabaabaababaaaababbbabbbbbbaaabbabbbabaaabbbabbaababaaaaaabaabababbbbaaababaaabbbbbbaaba", 0x3fefff716777ad76),
    ("  b abc bcabac  aaa c bca bc   c   aababcbbcb b a bb cba caacb cca  abbcbbabbba  cbcac c c  bba acba  b", 0x3fffa6d21ba838a0),
    ("2xSqT22lsF6pRY6TgazGliNkDP1v5SBEUXki3660MMPEQsMY2RVnAKDu1fPTZUi3MC9efZo2jOWXX0gJFQtl6p7ELpsWlZ6NrezDm2kqgF", 0x4015ed771d658e77),
    ("FzWcemkxFhcH+SipKCQWOWllt17RXE1u2/eu9UEfJOCuf3iFBddfYKT65h9QDl9I+F7AfD9v0GFYjRltbYZ09aaO5DjxvDBSaCSIRYtkML", 0x4015f56292e407d4),
    ("b24ff872a11846a27e12e9d21434d85b58c244357070e8f6e4b1a124b6cc2adf2d847e5d338cdea00ff2f915bbdfab0506f879679b", 0x400f917488799276),
    ("baaabaabaabaaabbaaabbabbabaaabbbbabbabaabbabababbbbbbaaabbbbababbabbbbbbbbbbbaababaabbabbbababbabaabaaabba", 0x3fef989dfd97e904),
    ("baa  b  cacacac     c a    babb caaab aa ccbccb aaacabaacaaccc bbbbbb ccac a bbaaca ca a  bb   cababcbabb ", 0x3fffc9e24d17408c),
    ("wYW9IBs7VTFH2hP3f0dbjiX9i4RUcJZ3g8LVpfBFxPf5zEl05finEkq6h0ZWDZmq3tvFpnrgFkzkTAEOx92j1tfNiH47obwydDeOOnbzTi3gn", 0x4016461eb23c5526),
    ("ykkEIbimZ4ZP/XTea28r9pxNsLIjVM77tKDMWb6J8HQqV/x/ecV7Yx/h07RBvGRw5GTa0Knd7NFXJ7nNQTabOvLACa+jRlqXf4YR5sNr2PB9P", 0x401685560399d5de),
    ("efa17ded0caf014345376818efa45fa1f4c63c6e3284360c6f63ac3a6eade155c24c96792b1305a7e25367154a31bfd3b5e73c453bd75", 0x400ef2f59e68f617),
    ("bbababaaabbababbaababbabaaaababaabaaaababbaaaaabababbabbabbbbaabbbbbbbbaaaabaabbaaababaabaaaabaaabbaaababbbbb", 0x3feff38fb364c445),
    ("c b a  c   caa cbcbcbbaaccbbbbbabc cbb bcc b b acbac cbca  aac   bb    ab  b   bcbaabaac  aacacaca a baaa abb", 0x3fffc1b4360ae558),
    ("1pnbR1OI5o1NmlYvaVB7YsjSsn8q9SCS8YyK25OEaKcflDL3mBzhIdWXXSUj9U1BT4mCll61tCWrK4xMPVSDwmoNbAEzn32nCieKIISF5FMpZJTK", 0x401643ee85c33abb),
    ("7noqenvE5kaP2eCyTb1Z9wDftWWJOjbV4xnsH8TNSrXUb14y3dIsk3b07YEOY4CI+pShIokdF8nM/IOEdcHzqeFrdPG2eDwgau1JbVB/faWO81sE", 0x40165e084697bb65),
    (concat!("a7fc7a759e81b257e6ec9a4b", "1d2ca63702e5cb8eb2cabf56585bb3f469d80c029a208dd4b01c9b81f2fb232d3990a70953258dec94a75520"), 0x400f6b28fac77c34),
    ("abaaaaabbbbaabbbaabbabbaaaaabbbbaabaaabaaaababbabaababbbababbbbaabaaaabbaaabaaabbabbbaaabaaaabaaaaaabbabaaaaabbb", 0x3fef86fd27ebb77f),
    (" bbaaac bc abbbbbac  bbbbbb cccca acca caaa aab bccac   aacb c  baababbbbcbbb bac aacbbcaccb caabac abb a cbb   ", 0x3fffbc9d14d339d7),
    ("JD9bgiwPsrtpzaMhOzMCEn8cw0PG2Xbnc3vPSqNCv0SpqT5xAf8W7DydbrqYTSp9oUVgdI3bIbkXwF1OIXKUsg14oJNiCgRpZB0gEJvDVVwvBgvRL6o", 0x4016565bf1455299),
    ("PfcnxzIBvOVZQTvJY0SLZkS2E2dUK1qdsTjcHNBw0NGTTDpwA8NUzzsJVAhuynua3Jk7xOKtsOfzhoVgGsxTK6dWv5MVLGjSKFIjMxloOMfMYu7A0GY", 0x4016074888c2425d),
    ("0489514b0b95f47fc0ce28095828f56cc9b22f0f0400ad48fd7f5cd77c120a5edeeca559047d566c7988876d906ee2718af44ea7078efb2c741", 0x400ea9e29c81abe0),
    ("bbaaabbaaabaabaaaaabbaaaaaaababbbaaabaaabaababaababbaaaaabbbabbaaaabaaabbbbababaabbaaaabbabbaabbbaabbbabababbbababb", 0x3fefb4531e86755a),
    ("abc cbbabca  a abca cc bcacbca cabba bbaa babaabaa  ba aca a cbaabaabcccbaba ba ccccaac caacccb ac bc b  aaab c bba", 0x3fffad50f44b9216),
    ("IjmpNlHTI7GC1StclkjnEC6BRIBHFW3FzuEnhAn82srs4h6GXh5dzzs4u3EqrlEWjoAtpMYeM8Utr8lg9l9bOpQs9WxN5JeYvubtmGFDim0vrXTcndX4wm", 0x4016546ce362aa24),
    ("ktdJgdi7z4H4QoBxd4W/JHXctpLpiNscZN4om3sh7mkFbyc/s6yE+rBegUJLN8CYpa0ff6ZXkCge7xdSeFpOPXiIGg+f8AD58t8y8U5ef+/4qhHUtwJTc5", 0x4015f63a691b22ff),
    ("6318f1c06d84dd44315e102ef5d8d28105d15b8be48a95ec386859cd00db4ce6b9edba5a2cb4e6e0817b7edfc4d353472a6fec9ba57501ddf6e50b", 0x400f3cb69879b07c),
    ("babbbaaabaaaabbabaaaaaabbaaaabbaabbaabaababaabaabbbaababababaaaabbbabaaabbbbbaabaabaaabaaaaabaaaaabbbbaaabbaabaaaabbba", 0x3fef3162c7ca1d62),
    ("b aacbabc bbcaa a  bbac a c     acabaa cc bcccc babbc aaacbbb  cabacb  acaa  ccbabab bababcbcaa  bccac bbc a b acc  bc", 0x3ffffbc11f0c2ac3),
];

pub const PLACEHOLDER: &[(&str, bool)] = &[
    ("", true),
    ("x", false),
    ("abc<def", true),
    ("a>b", true),
    ("{{key}}", true),
    ("${KEY}", true),
    ("%s", true),
    ("***", true),
    ("a...b", true),
    ("a..b", false),
    ("EXAMPLE123", true),
    ("Example", true),
    ("eXample", false),
    ("yourkey", true),
    ("YOURKEY", true),
    ("Yourkey", true),
    ("tOKEN", false),
    ("Token", true),
    ("SECRETSAUCE", true),
    ("Secret", true),
    ("passwordless", true),
    ("aaaaaaa1", false),
    ("aaaaaaaa", true),
    ("zzzzzzzzz", true),
    ("0000000", false),
    ("00000000", true),
    ("ababababab", false),
    ("abababababab", true),
    ("abcabcabcabc", true),
    ("abcdabcdabcd", false),
    ("01234567", true),
    ("0123456", false),
    ("abcdefgh", true),
    ("bcdefghi", true),
    ("ABCDEFGH", true),
    ("STUVWXYZ", true),
    ("xyzabcde", false),
    ("789abcde", false),
    ("éééééééé", true),
    ("ééééééé", false),
    ("9rTGpoSp", false),
    ("jghJhGgHv", false),
    ("YisAXmpdyv", false),
    ("hnoecupbkw3", false),
    ("mA0OSpPUT7yY", false),
    ("90JAb2ue76WDV", false),
    ("EEwiOq2VndOtNV", false),
    ("f3kwAP7AB7jgKON", false),
    ("mH8Q4Hch2PmaRb2n", false),
    ("BEk2CexgDfz7j0W9p", false),
    ("0vggVvbTXJOq5tVhke", false),
    ("hxepTTLyxO4JA8xnqKl", false),
    ("CWrN67U6t7O9orPqCxfF", false),
    ("tuw1QkX8i74MRtSBQRFMv", false),
    ("P8MjWqvaRhGKVuqegP7yZY", false),
    ("Xq9IJEckKQrXFVFNR3gpmFW", false),
    ("5Suae78vgrlsDsVdHrfiQxAA", false),
    ("4KU5mr1gIrnN3cvTArfSYEIXR", false),
    ("DbuqMiyg7igDCweUQ6zZKPxoFc", false),
    ("E2u0xmOImx2fMgdSyWSeAE13mQA", false),
    ("a0TJM7Yj9xRhMZs9ZELRrJqzkYIS", false),
    ("HD6AhYdvcwTCCtyfFo0LhA7Yur1XQ", false),
    ("RBFap7JFL8BJaKDAxFOeD2SbxTaoMK", false),
    ("9USgF9auG7soZMCzHiV62PCOffAtNef", false),
    ("ZagiYXDRAWWzJmdM4274TNyNdvLuCbfh", false),
    ("ep7fVLY6nDEYjZ9cMy5IB0ZMPBq7RvrOl", false),
    ("Ht8kKDFmcS86KlgJ7CPiPyC1Idrw4pXiR4", false),
    ("48O5PwML0quNLCdjFBZhfhKuGRPNE6MCMkI", false),
    ("J0i6EhBfcHPz2nxgBLOcQVbOokDVhTDmznSS", false),
    ("v3OACk94pyKFbGKonOY4wuXodnRcAiYoR9NLS", false),
    ("LpLcOFhdfmUrgkF2KeFPDrabVj3aUspfY5n4xE", false),
    ("Xr7mQCzvtRClTC0tdtlGWEqFx6zGI5qitoLEXRS", false),
    (
        concat!("mecm", "pTdlK0HxjYrc8AfW", "Tv3QQgBPsMZm79h4Knyw"),
        false,
    ),
    ("KS19DutKVnU4nhwMBatGQIZ3qwMN5RIv8HhLzxF0d", false),
    ("KDidUpVcvbaYUoTpb8xIyi3I5HUGMyVpfIWHWhCLqt", false),
    ("BBqg6thStqxbjDope2hCSjlDakqTwbW6bQSS50XVoJ1", false),
    ("Hs38zVjfdHhktarZGSlTV5GYFBZFMhHEn58KLCFaZmm4", false),
    ("MEgGN4kEtqews8WIxuyXiPEIpCag0eic6AVjKRTk1ATBX", false),
    ("u03tkWvdf4wM1ADt3IAgkNIu6Iuwg0Nl9klTQDWhuavCvh", false),
    ("834HtzknX7KflY8osm6CVW6yELzwveObS0LvMJSKZxzxgPJ", false),
    ("6w4B6s2A", false),
    ("BkPDXOLoO", false),
    ("JYUtprTDeW", false),
    ("CbFb4IyPfyH", false),
    ("H1vJlKbj74rI", false),
    ("Ej1trEnn1TS8W", false),
    ("GZjlV3hc1CdNBz", false),
    ("93lCsDDCWn8ykgs", false),
    ("4CIIT1GSO8mpQ8sd", false),
    ("cgcf8rB2d3UrYxGHf", false),
    ("Ez8AKNWUq9RUZGAMl4", false),
    ("sZzehO2fBvIAp1bB0mj", false),
    ("CeU5fI9cowaxAoeWD19s", false),
    ("hcbOPWQlOD5IPwnxn8SYL", false),
    ("gvzPQXccpz31jK5OeLiugO", false),
    ("8W4o9LUMbAimstDoHnkfEFG", false),
    ("nVk6cxOquFkiBtHU2SzNetuy", false),
    ("EccHYhrTjjtHwVgIvlbHxBcNb", false),
    ("kUnlq59hp55iwEAgCgg6OsvMc7", false),
    ("PiuusWIFyvxtM1LpiC5w6K5gv5E", false),
    ("abcccbacbbcb", true),
    ("caacbcbccaaba", true),
    ("bcacbcaacbbccc", true),
    ("ccbcccbccbbcabc", true),
    ("abccbcbbacccbcca", true),
    ("abaabbbbbacaacaaa", true),
    ("cbccacbcccabccacba", true),
    ("baccacccbbcbabccaba", true),
    ("ccbbaabcccbccacaabab", true),
    ("cbcccbccbbaccaacaccaa", true),
    ("bcbabacabbaacacabacbcc", true),
    ("caacabbbbccbcbcccbcbbcb", true),
    ("aabcaaabbccaabbcabbcaaac", true),
    ("bccbccccabccbbbabccabccab", true),
    ("baaabaacbcacbabbacabcaaaaa", true),
    ("acbbbaaaabaaacababacacbcbca", true),
    ("bccbcbccabccacacbcacaccabccb", true),
    ("abcbaabacaaababaaacaccccacabc", true),
    ("babbacbabbbccbcbbcababbbbcccba", true),
    ("aaabcbabcabacbcccaaccababacbccc", true),
];

pub const GITHUB: &[(&str, bool)] = &[
    (
        concat!("gh", "p_", "6464TyeMegSk9vx3", "NyY8HUNscGSRKd1jQHkm"),
        true,
    ),
    (
        concat!("gh", "p_", "6464TyeMegSk9vx3", "NyY8HUNscGSRKd1jQHkA"),
        false,
    ),
    (
        concat!("gh", "p_6464TyeMegSk9vx3NyY8HUNscGSRKd1jQHk"),
        false,
    ),
    (
        concat!("gh", "p_6464TyeMegSk9vx3NyY8HUNscGSRKd1jQHkmx"),
        false,
    ),
    (
        concat!("gh", "p_", "3DKgk7d4zcxZiX57", "tvHOQ3PoLU0z540Aiv8m"),
        true,
    ),
    (
        concat!("gh", "p_", "3DKgk7d4zcxZiX57", "tvHOQ3PoLU0z540Aiv8A"),
        false,
    ),
    (
        concat!("gh", "p_3DKgk7d4zcxZiX57tvHOQ3PoLU0z540Aiv8"),
        false,
    ),
    (
        concat!("gh", "p_3DKgk7d4zcxZiX57tvHOQ3PoLU0z540Aiv8mx"),
        false,
    ),
    (
        concat!("gh", "p_", "lpFjKL6XAefVmTor", "IeqTUd5QDrPj4l3pWBZT"),
        true,
    ),
    (
        concat!("gh", "p_", "lpFjKL6XAefVmTor", "IeqTUd5QDrPj4l3pWBZA"),
        false,
    ),
    (
        concat!("gh", "p_lpFjKL6XAefVmTorIeqTUd5QDrPj4l3pWBZ"),
        false,
    ),
    (
        concat!("gh", "p_lpFjKL6XAefVmTorIeqTUd5QDrPj4l3pWBZTx"),
        false,
    ),
    (
        concat!("gh", "p_", "XrIa4VebXa7lZ7ri", "r6P8nKBMI6SsOZ0MYrP5"),
        true,
    ),
    (
        concat!("gh", "p_", "XrIa4VebXa7lZ7ri", "r6P8nKBMI6SsOZ0MYrPA"),
        false,
    ),
    (
        concat!("gh", "p_XrIa4VebXa7lZ7rir6P8nKBMI6SsOZ0MYrP"),
        false,
    ),
    (
        concat!("gh", "p_XrIa4VebXa7lZ7rir6P8nKBMI6SsOZ0MYrP5x"),
        false,
    ),
    (
        concat!("gh", "p_", "IFRBt9p3rPdlShzf", "8XjnqWB6sjQeqL11BSgi"),
        true,
    ),
    (
        concat!("gh", "p_", "IFRBt9p3rPdlShzf", "8XjnqWB6sjQeqL11BSgA"),
        false,
    ),
    (
        concat!("gh", "p_IFRBt9p3rPdlShzf8XjnqWB6sjQeqL11BSg"),
        false,
    ),
    (
        concat!("gh", "p_IFRBt9p3rPdlShzf8XjnqWB6sjQeqL11BSgix"),
        false,
    ),
    (
        concat!("gh", "p_", "k7epWr5MqmGkyJFY", "b0fuF2wWxnJe5b3jNHQi"),
        true,
    ),
    (
        concat!("gh", "p_", "k7epWr5MqmGkyJFY", "b0fuF2wWxnJe5b3jNHQA"),
        false,
    ),
    (
        concat!("gh", "p_k7epWr5MqmGkyJFYb0fuF2wWxnJe5b3jNHQ"),
        false,
    ),
    (
        concat!("gh", "p_k7epWr5MqmGkyJFYb0fuF2wWxnJe5b3jNHQix"),
        false,
    ),
    (
        concat!("gh", "o_", "opxl6eTES1Ywh0wK", "BDcrbNQZNoutbs4c9w5J"),
        true,
    ),
    (
        concat!("gh", "o_", "opxl6eTES1Ywh0wK", "BDcrbNQZNoutbs4c9w5A"),
        false,
    ),
    (
        concat!("gh", "o_opxl6eTES1Ywh0wKBDcrbNQZNoutbs4c9w5"),
        false,
    ),
    (
        concat!("gh", "o_opxl6eTES1Ywh0wKBDcrbNQZNoutbs4c9w5Jx"),
        false,
    ),
    (
        concat!("gh", "o_", "9K8uKl9GQbwNButx", "hhMV4YymPjlJUj4a6Rxg"),
        true,
    ),
    (
        concat!("gh", "o_", "9K8uKl9GQbwNButx", "hhMV4YymPjlJUj4a6RxA"),
        false,
    ),
    (
        concat!("gh", "o_9K8uKl9GQbwNButxhhMV4YymPjlJUj4a6Rx"),
        false,
    ),
    (
        concat!("gh", "o_9K8uKl9GQbwNButxhhMV4YymPjlJUj4a6Rxgx"),
        false,
    ),
    (
        concat!("gh", "o_", "fNgcp5nvPuiacIlw", "rMTlzsz6BK1iSX2c7Bo5"),
        true,
    ),
    (
        concat!("gh", "o_", "fNgcp5nvPuiacIlw", "rMTlzsz6BK1iSX2c7BoA"),
        false,
    ),
    (
        concat!("gh", "o_fNgcp5nvPuiacIlwrMTlzsz6BK1iSX2c7Bo"),
        false,
    ),
    (
        concat!("gh", "o_fNgcp5nvPuiacIlwrMTlzsz6BK1iSX2c7Bo5x"),
        false,
    ),
    (
        concat!("gh", "o_", "mROkHtUzv1rOCHwB", "jLSbYFApCGeTIM448Sxs"),
        true,
    ),
    (
        concat!("gh", "o_", "mROkHtUzv1rOCHwB", "jLSbYFApCGeTIM448SxA"),
        false,
    ),
    (
        concat!("gh", "o_mROkHtUzv1rOCHwBjLSbYFApCGeTIM448Sx"),
        false,
    ),
    (
        concat!("gh", "o_mROkHtUzv1rOCHwBjLSbYFApCGeTIM448Sxsx"),
        false,
    ),
    (
        concat!("gh", "o_", "GBxaBwnUzOiUYneD", "rZxGkiPbg2wScj34BTcm"),
        true,
    ),
    (
        concat!("gh", "o_", "GBxaBwnUzOiUYneD", "rZxGkiPbg2wScj34BTcA"),
        false,
    ),
    (
        concat!("gh", "o_GBxaBwnUzOiUYneDrZxGkiPbg2wScj34BTc"),
        false,
    ),
    (
        concat!("gh", "o_GBxaBwnUzOiUYneDrZxGkiPbg2wScj34BTcmx"),
        false,
    ),
    (
        concat!("gh", "o_", "M4hzaSzZtZPkT24f", "7AlFiMdeQadcVE26lYsl"),
        true,
    ),
    (
        concat!("gh", "o_", "M4hzaSzZtZPkT24f", "7AlFiMdeQadcVE26lYsA"),
        false,
    ),
    (
        concat!("gh", "o_M4hzaSzZtZPkT24f7AlFiMdeQadcVE26lYs"),
        false,
    ),
    (
        concat!("gh", "o_M4hzaSzZtZPkT24f7AlFiMdeQadcVE26lYslx"),
        false,
    ),
    (
        concat!("np", "m_", "W2UmBNYwPlV0NLhk", "eKLsuTgMP56Hfc3Obs1p"),
        true,
    ),
    (
        concat!("np", "m_", "W2UmBNYwPlV0NLhk", "eKLsuTgMP56Hfc3Obs1A"),
        false,
    ),
    (
        concat!("np", "m_W2UmBNYwPlV0NLhkeKLsuTgMP56Hfc3Obs1"),
        false,
    ),
    (
        concat!("np", "m_W2UmBNYwPlV0NLhkeKLsuTgMP56Hfc3Obs1px"),
        false,
    ),
    (
        concat!("np", "m_", "EzFUKTaGqZfhIxnC", "V2ILty49uyylrz0UtZC2"),
        true,
    ),
    (
        concat!("np", "m_", "EzFUKTaGqZfhIxnC", "V2ILty49uyylrz0UtZCA"),
        false,
    ),
    (
        concat!("np", "m_EzFUKTaGqZfhIxnCV2ILty49uyylrz0UtZC"),
        false,
    ),
    (
        concat!("np", "m_EzFUKTaGqZfhIxnCV2ILty49uyylrz0UtZC2x"),
        false,
    ),
    (
        concat!("np", "m_", "o1uG1Mw6XZhhBcQU", "lrsQHE5L2isYMo3Ao82j"),
        true,
    ),
    (
        concat!("np", "m_", "o1uG1Mw6XZhhBcQU", "lrsQHE5L2isYMo3Ao82A"),
        false,
    ),
    (
        concat!("np", "m_o1uG1Mw6XZhhBcQUlrsQHE5L2isYMo3Ao82"),
        false,
    ),
    (
        concat!("np", "m_o1uG1Mw6XZhhBcQUlrsQHE5L2isYMo3Ao82jx"),
        false,
    ),
    (
        concat!("np", "m_", "Le6rzXkqH6xvlHKq", "VaScunDgVM81oe1udIMO"),
        true,
    ),
    (
        concat!("np", "m_", "Le6rzXkqH6xvlHKq", "VaScunDgVM81oe1udIMA"),
        false,
    ),
    (
        concat!("np", "m_Le6rzXkqH6xvlHKqVaScunDgVM81oe1udIM"),
        false,
    ),
    (
        concat!("np", "m_Le6rzXkqH6xvlHKqVaScunDgVM81oe1udIMOx"),
        false,
    ),
    (
        concat!("np", "m_", "NC5aEgz3EFJzVd22", "OqNbpX2mVIKiXp1Ouufh"),
        true,
    ),
    (
        concat!("np", "m_", "NC5aEgz3EFJzVd22", "OqNbpX2mVIKiXp1OuufA"),
        false,
    ),
    (
        concat!("np", "m_NC5aEgz3EFJzVd22OqNbpX2mVIKiXp1Ouuf"),
        false,
    ),
    (
        concat!("np", "m_NC5aEgz3EFJzVd22OqNbpX2mVIKiXp1Ouufhx"),
        false,
    ),
    (
        concat!("np", "m_", "awzD4RoG6xBlf1Fu", "SBLzLsmbhfQmU807RvsI"),
        true,
    ),
    (
        concat!("np", "m_", "awzD4RoG6xBlf1Fu", "SBLzLsmbhfQmU807RvsA"),
        false,
    ),
    (
        concat!("np", "m_awzD4RoG6xBlf1FuSBLzLsmbhfQmU807Rvs"),
        false,
    ),
    (
        concat!("np", "m_awzD4RoG6xBlf1FuSBLzLsmbhfQmU807RvsIx"),
        false,
    ),
    (
        concat!("gh", "s_", "kuyS1Jnp5Y2OrQ9p", "Iheoe5X276LsRn0j0o55"),
        true,
    ),
    (
        concat!("gh", "s_", "kuyS1Jnp5Y2OrQ9p", "Iheoe5X276LsRn0j0o5A"),
        false,
    ),
    (
        concat!("gh", "s_kuyS1Jnp5Y2OrQ9pIheoe5X276LsRn0j0o5"),
        false,
    ),
    (
        concat!("gh", "s_kuyS1Jnp5Y2OrQ9pIheoe5X276LsRn0j0o55x"),
        false,
    ),
    (
        concat!("gh", "s_", "vj2gEm8QC7F71p6k", "XYJ4KA1cerOvWi3u5yEF"),
        true,
    ),
    (
        concat!("gh", "s_", "vj2gEm8QC7F71p6k", "XYJ4KA1cerOvWi3u5yEA"),
        false,
    ),
    (
        concat!("gh", "s_vj2gEm8QC7F71p6kXYJ4KA1cerOvWi3u5yE"),
        false,
    ),
    (
        concat!("gh", "s_vj2gEm8QC7F71p6kXYJ4KA1cerOvWi3u5yEFx"),
        false,
    ),
    (
        concat!("gh", "s_", "9y3llXkiCcGJYHNF", "0DjcA1KRP2XmW92N7N9X"),
        true,
    ),
    (
        concat!("gh", "s_", "9y3llXkiCcGJYHNF", "0DjcA1KRP2XmW92N7N9A"),
        false,
    ),
    (
        concat!("gh", "s_9y3llXkiCcGJYHNF0DjcA1KRP2XmW92N7N9"),
        false,
    ),
    (
        concat!("gh", "s_9y3llXkiCcGJYHNF0DjcA1KRP2XmW92N7N9Xx"),
        false,
    ),
    (
        concat!("gh", "s_", "DqhujYr0X8XDDlyr", "iWDKCJh13iEbiI28h6Ex"),
        true,
    ),
    (
        concat!("gh", "s_", "DqhujYr0X8XDDlyr", "iWDKCJh13iEbiI28h6EA"),
        false,
    ),
    (
        concat!("gh", "s_DqhujYr0X8XDDlyriWDKCJh13iEbiI28h6E"),
        false,
    ),
    (
        concat!("gh", "s_DqhujYr0X8XDDlyriWDKCJh13iEbiI28h6Exx"),
        false,
    ),
    (
        concat!("gh", "s_", "iPzUHwkLXf1dDruK", "6eLIA3jlyHKvxP21O4qM"),
        true,
    ),
    (
        concat!("gh", "s_", "iPzUHwkLXf1dDruK", "6eLIA3jlyHKvxP21O4qA"),
        false,
    ),
    (
        concat!("gh", "s_iPzUHwkLXf1dDruK6eLIA3jlyHKvxP21O4q"),
        false,
    ),
    (
        concat!("gh", "s_iPzUHwkLXf1dDruK6eLIA3jlyHKvxP21O4qMx"),
        false,
    ),
    (
        concat!("gh", "s_", "vd1VG4VJhHMbVXJd", "EvLsZF93pqhUlO4eYTaZ"),
        true,
    ),
    (
        concat!("gh", "s_", "vd1VG4VJhHMbVXJd", "EvLsZF93pqhUlO4eYTaA"),
        false,
    ),
    (
        concat!("gh", "s_vd1VG4VJhHMbVXJdEvLsZF93pqhUlO4eYTa"),
        false,
    ),
    (
        concat!("gh", "s_vd1VG4VJhHMbVXJdEvLsZF93pqhUlO4eYTaZx"),
        false,
    ),
    ("", false),
    ("nounderscore", false),
    (concat!("gh", "p_"), false),
    ("a_b_c", false),
    (
        concat!("gh", "p_éQaN5Gc6sFwiYFnOb4evKAhlpEWQN1B1sRI5"),
        false,
    ),
];

pub const GITLAB: &[(&str, bool)] = &[
    (
        concat!("gl", "p", "a", "t-6uYr_oz", "_3EIzpnwq-WZU.0k1vx5cj6"),
        true,
    ),
    (
        concat!("gl", "p", "a", "t-6uYr_oz", "_3EIzpnwq-WZU.0k1vx5cj0"),
        false,
    ),
    (
        concat!("gl", "p", "a", "t-6uYr_oz", "_3EIzpnwq-WZU.01.0k1vx5cj6"),
        false,
    ),
    (
        concat!(
            "gl",
            "p",
            "a",
            "t-NJ54kAotDIywcPe",
            "nFWdkf-eUrWu.0r10ekdil"
        ),
        true,
    ),
    (
        concat!("glp", "a", "t-NJ54kAotDIywcPe", "nFWdkf-eUrWu.0r10ekdi0"),
        false,
    ),
    (
        concat!("glp", "a", "t-NJ54kAotDIywcPenF", "Wdkf-eUrWu.01.0r10ekdil"),
        false,
    ),
    (
        concat!(
            "gl",
            "p",
            "a",
            "t-PPCiIGNw1cNYJ4iUl66",
            "SR9TrHP_VKs86y5.0y18rcoav"
        ),
        true,
    ),
    (
        concat!(
            "glp",
            "a",
            "t-PPCiIGNw1cNYJ4iUl66",
            "SR9TrHP_VKs86y5.0y18rcoa0"
        ),
        false,
    ),
    (
        concat!(
            "glp",
            "a",
            "t-PPCiIGNw1cNYJ4iUl66S",
            "R9TrHP_VKs86y5.01.0y18rcoav"
        ),
        false,
    ),
    (
        concat!("gl", "p", "a", "t-H9ENRtS", "FoVhyq73-1TaJ.01.0k13meszs"),
        true,
    ),
    (
        concat!("gl", "p", "a", "t-H9ENRtS", "FoVhyq73-1TaJ.01.0k13mesz0"),
        false,
    ),
    (
        concat!("gl", "p", "a", "t-H9ENRtS", "FoVhyq73-1TaJ.0k13meszs"),
        false,
    ),
    (
        concat!(
            "gl",
            "p",
            "a",
            "t-FeK5Wl-Wd-X4xgYXs",
            "nx8SIqyIjd.01.0r06mzy0y"
        ),
        true,
    ),
    (
        concat!("glp", "a", "t-FeK5Wl-Wd-X4xgYXs", "nx8SIqyIjd.01.0r06mzy00"),
        false,
    ),
    (
        concat!("glp", "a", "t-FeK5Wl-Wd-X4xgY", "Xsnx8SIqyIjd.0r06mzy0y"),
        false,
    ),
    (
        concat!(
            "gl",
            "p",
            "a",
            "t-YUbsIFU8DGI1WEBY9-mJ",
            "zQKXD_kXQGWkTk.01.0y1ki4qpr"
        ),
        true,
    ),
    (
        concat!(
            "glp",
            "a",
            "t-YUbsIFU8DGI1WEBY9-mJ",
            "zQKXD_kXQGWkTk.01.0y1ki4qp0"
        ),
        false,
    ),
    (
        concat!(
            "glp",
            "a",
            "t-YUbsIFU8DGI1WEBY9-m",
            "JzQKXD_kXQGWkTk.0y1ki4qpr"
        ),
        false,
    ),
    (
        concat!("gl", "rt", "-DK47a-x", "hWf1cL213n_wK.0k1kb3wbc"),
        true,
    ),
    (
        concat!("gl", "rt", "-DK47a-x", "hWf1cL213n_wK.0k1kb3wb0"),
        false,
    ),
    (
        concat!("gl", "rt", "-DK47a-x", "hWf1cL213n_wK.01.0k1kb3wbc"),
        false,
    ),
    (
        concat!("gl", "rt", "-_-WtJpm6rj9wwi80", "KORJ6W-4Kbz.0r0j4akz9"),
        true,
    ),
    (
        concat!("gl", "rt", "-_-WtJpm6rj9wwi80", "KORJ6W-4Kbz.0r0j4akz0"),
        false,
    ),
    (
        concat!("gl", "rt", "-_-WtJpm6rj9wwi80K", "ORJ6W-4Kbz.01.0r0j4akz9"),
        false,
    ),
    (
        concat!(
            "gl",
            "rt",
            "-dIB_ruOe322bojgdhrf",
            "tugG12Xtrp8wY61.0y0atgbdi"
        ),
        true,
    ),
    (
        concat!(
            "gl",
            "rt",
            "-dIB_ruOe322bojgdhrf",
            "tugG12Xtrp8wY61.0y0atgbd0"
        ),
        false,
    ),
    (
        concat!(
            "gl",
            "rt",
            "-dIB_ruOe322bojgdhrftu",
            "gG12Xtrp8wY61.01.0y0atgbdi"
        ),
        false,
    ),
    (
        concat!("gl", "rt", "-nnGwRMg", "U8D8TzMrlbeq3.01.0k0qaxinz"),
        true,
    ),
    (
        concat!("gl", "rt", "-nnGwRMg", "U8D8TzMrlbeq3.01.0k0qaxin0"),
        false,
    ),
    (
        concat!("gl", "rt", "-nnGwRMg", "U8D8TzMrlbeq3.0k0qaxinz"),
        false,
    ),
    (
        concat!("gl", "rt", "-ACd9RlPOhU3WPzK0S", "jsx-3F3yUl.01.0r1rw7m9p"),
        true,
    ),
    (
        concat!("gl", "rt", "-ACd9RlPOhU3WPzK0S", "jsx-3F3yUl.01.0r1rw7m90"),
        false,
    ),
    (
        concat!("gl", "rt", "-ACd9RlPOhU3WPzK0", "Sjsx-3F3yUl.0r1rw7m9p"),
        false,
    ),
    (
        concat!(
            "gl",
            "rt",
            "-cUSfHxooxewzopb0Jh-38",
            "04apkIlfLev_x.01.0y0amo362"
        ),
        true,
    ),
    (
        concat!(
            "gl",
            "rt",
            "-cUSfHxooxewzopb0Jh-38",
            "04apkIlfLev_x.01.0y0amo360"
        ),
        false,
    ),
    (
        concat!(
            "gl",
            "rt",
            "-cUSfHxooxewzopb0Jh-",
            "3804apkIlfLev_x.0y0amo362"
        ),
        false,
    ),
    (concat!("gl", "rt-t1_eKFUcmLLgyb_P74QUCQs.0k0e9iysf"), true),
    (concat!("gl", "rt-t1_eKFUcmLLgyb_P74QUCQs.0k0e9iys0"), false),
    (
        concat!("gl", "rt-t1_eKFUcmLLgyb_P74QUCQs.01.0k0e9iysf"),
        false,
    ),
    (
        concat!("gl", "rt", "-t1_tktXjbeGezGiqw", "KAejyZDESqUQk.0r007q0zw"),
        true,
    ),
    (
        concat!("gl", "rt", "-t1_tktXjbeGezGiqw", "KAejyZDESqUQk.0r007q0z0"),
        false,
    ),
    (
        concat!(
            "gl",
            "rt",
            "-t1_tktXjbeGezGiqwKA",
            "ejyZDESqUQk.01.0r007q0zw"
        ),
        false,
    ),
    (
        concat!(
            "gl",
            "rt",
            "-t1_3sO_CcDna-sRciiGV3",
            "dFzT-swouQ1q5_BY.0y1fjze9s"
        ),
        true,
    ),
    (
        concat!(
            "gl",
            "rt",
            "-t1_3sO_CcDna-sRciiGV3",
            "dFzT-swouQ1q5_BY.0y1fjze90"
        ),
        false,
    ),
    (
        concat!(
            "gl",
            "rt",
            "-t1_3sO_CcDna-sRciiGV3d",
            "FzT-swouQ1q5_BY.01.0y1fjze9s"
        ),
        false,
    ),
    (
        concat!("gl", "rt-t1_FmmVPz9jL-V0EVYf0et2.01.0k0p81cej"),
        true,
    ),
    (
        concat!("gl", "rt-t1_FmmVPz9jL-V0EVYf0et2.01.0k0p81ce0"),
        false,
    ),
    (concat!("gl", "rt-t1_FmmVPz9jL-V0EVYf0et2.0k0p81cej"), false),
    (
        concat!(
            "gl",
            "rt",
            "-t1_7F6u2acYiG4l1ANv",
            "GJbEPCOk7Qp.01.0r0h2f3o4"
        ),
        true,
    ),
    (
        concat!(
            "gl",
            "rt",
            "-t1_7F6u2acYiG4l1ANv",
            "GJbEPCOk7Qp.01.0r0h2f3o0"
        ),
        false,
    ),
    (
        concat!("gl", "rt", "-t1_7F6u2acYiG4l1A", "NvGJbEPCOk7Qp.0r0h2f3o4"),
        false,
    ),
    (
        concat!(
            "gl",
            "rt",
            "-t1_QghLVM8kYXm18rpu-dL",
            "0qauCn-818uzmGC.01.0y0avg7eg"
        ),
        true,
    ),
    (
        concat!(
            "gl",
            "rt",
            "-t1_QghLVM8kYXm18rpu-dL",
            "0qauCn-818uzmGC.01.0y0avg7e0"
        ),
        false,
    ),
    (
        concat!(
            "gl",
            "rt",
            "-t1_QghLVM8kYXm18rpu-d",
            "L0qauCn-818uzmGC.0y0avg7eg"
        ),
        false,
    ),
    (
        concat!("gl", "c", "b", "t-t3_TV0GE", "3aDFY5C2vPjJC8l.0k0bf1q31"),
        true,
    ),
    (
        concat!("gl", "c", "b", "t-t3_TV0GE", "3aDFY5C2vPjJC8l.0k0bf1q30"),
        false,
    ),
    (
        concat!("gl", "c", "b", "t-t3_TV0GE", "3aDFY5C2vPjJC8l.01.0k0bf1q31"),
        false,
    ),
    (
        concat!("glc", "bt-t3_xxrTj4sy_Lrv938qWZNEZIgAf8n.0r0lrih4u"),
        true,
    ),
    (
        concat!("glc", "bt-t3_xxrTj4sy_Lrv938qWZNEZIgAf8n.0r0lrih40"),
        false,
    ),
    (
        concat!("glc", "bt-t3_xxrTj4sy_Lrv938qWZNEZIgAf8n.01.0r0lrih4u"),
        false,
    ),
    (
        concat!("glc", "bt-t3_4pf9-v0rDCyq0HPfC6SLVc1V-0390CYy6G.0y0s85mlv"),
        true,
    ),
    (
        concat!("glc", "bt-t3_4pf9-v0rDCyq0HPfC6SLVc1V-0390CYy6G.0y0s85ml0"),
        false,
    ),
    (
        concat!(
            "glc",
            "bt-t3_4pf9-v0rDCyq0HPfC6SLVc1V-0390CYy6G.01.0y0s85mlv"
        ),
        false,
    ),
    (
        concat!("gl", "c", "b", "t-t3_aSlXy", "oF6JsL_GJtYPz-f.01.0k1h1qdfc"),
        true,
    ),
    (
        concat!("gl", "c", "b", "t-t3_aSlXy", "oF6JsL_GJtYPz-f.01.0k1h1qdf0"),
        false,
    ),
    (
        concat!("gl", "c", "b", "t-t3_aSlXy", "oF6JsL_GJtYPz-f.0k1h1qdfc"),
        false,
    ),
    (
        concat!("glc", "bt-t3_cSHHveo3FVF3VyEwQYD-Xwn2Sdm.01.0r06u7mhr"),
        true,
    ),
    (
        concat!("glc", "bt-t3_cSHHveo3FVF3VyEwQYD-Xwn2Sdm.01.0r06u7mh0"),
        false,
    ),
    (
        concat!("glc", "bt-t3_cSHHveo3FVF3VyEwQYD-Xwn2Sdm.0r06u7mhr"),
        false,
    ),
    (
        concat!(
            "glc",
            "bt-t3_KL-QGuEulyqoUDx6KgSVBGH6BCt7_GNM28.01.0y0rgbjp7"
        ),
        true,
    ),
    (
        concat!(
            "glc",
            "bt-t3_KL-QGuEulyqoUDx6KgSVBGH6BCt7_GNM28.01.0y0rgbjp0"
        ),
        false,
    ),
    (
        concat!("glc", "bt-t3_KL-QGuEulyqoUDx6KgSVBGH6BCt7_GNM28.0y0rgbjp7"),
        false,
    ),
    ("GLPAT-SkEhDWBXwVfNmt4U0Q2b.0k0qjvylu", true),
    ("GLPAT-SkEhDWBXwVfNmt4U0Q2b.0k0qjvyl0", false),
    ("GLPAT-SkEhDWBXwVfNmt4U0Q2b.01.0k0qjvylu", false),
    ("GLPAT-6LGSb4optkcMJiTYEbtdz4zfQF-.0r0z1l6h3", true),
    ("GLPAT-6LGSb4optkcMJiTYEbtdz4zfQF-.0r0z1l6h0", false),
    ("GLPAT-6LGSb4optkcMJiTYEbtdz4zfQF-.01.0r0z1l6h3", false),
    ("GLPAT-Wq7xfWMvLxtzbnPpQdGSpgK-mc7MHlR5r2.0y0ww6gtq", true),
    ("GLPAT-Wq7xfWMvLxtzbnPpQdGSpgK-mc7MHlR5r2.0y0ww6gt0", false),
    (
        "GLPAT-Wq7xfWMvLxtzbnPpQdGSpgK-mc7MHlR5r2.01.0y0ww6gtq",
        false,
    ),
    ("GLPAT-XHpZV_5KYKCOzTweXvdI.01.0k049hox8", true),
    ("GLPAT-XHpZV_5KYKCOzTweXvdI.01.0k049hox0", false),
    ("GLPAT-XHpZV_5KYKCOzTweXvdI.0k049hox8", false),
    ("GLPAT-Z92WOA8qiq_1Y_vLHQ1x7r2ZL9r.01.0r19mxzgp", true),
    ("GLPAT-Z92WOA8qiq_1Y_vLHQ1x7r2ZL9r.01.0r19mxzg0", false),
    ("GLPAT-Z92WOA8qiq_1Y_vLHQ1x7r2ZL9r.0r19mxzgp", false),
    (
        "GLPAT-a83fuwSuyk0D8rLMpJ5n6yTO82K_HMN3pj.01.0y1cq3ewj",
        true,
    ),
    (
        "GLPAT-a83fuwSuyk0D8rLMpJ5n6yTO82K_HMN3pj.01.0y1cq3ew0",
        false,
    ),
    ("GLPAT-a83fuwSuyk0D8rLMpJ5n6yTO82K_HMN3pj.0y1cq3ewj", false),
    (concat!("gl", "rt-t1_.030l685hy"), true),
    (concat!("glp", "at-.abcdefghi"), false),
    (concat!("glp", "at-abc"), false),
    ("-abc.abcdefghi", false),
    (concat!("glp", "at-abc.ABCDEFGHI"), false),
];

pub const VALIDATE: &[(&str, &str, &[(&str, &str)], bool)] = &[
    (concat!("ali", "baba-secret-key"), "abcdefABCDEF", &[], true),
    (concat!("ali", "baba-secret-key"), "abcdef123456", &[], false),
    (concat!("ali", "baba-secret-key"), "ABCDEF123456", &[], false),
    (concat!("ali", "baba-secret-key"), "aB3", &[], true),
    (concat!("ali", "baba-secret-key"), "aB", &[], true),
    (concat!("ali", "baba-secret-key"), concat!("EPhi", "2ix6v9cdBCEjx/3e", "qyRvO2VFUqL9bHApxWZn"), &[], true),
    (concat!("ali", "baba-secret-key"), "ÉéÀà", &[], false),
    ("aws-secret-access-key", "abcdefABCDEF", &[], false),
    ("aws-secret-access-key", "abcdef123456", &[], false),
    ("aws-secret-access-key", "ABCDEF123456", &[], false),
    ("aws-secret-access-key", "aB3", &[], true),
    ("aws-secret-access-key", "aB", &[], false),
    ("aws-secret-access-key", concat!("V1TW", "vRVUSo88VRQL4gG+", "QYIUDsCNNzNmEIdm5Pa7"), &[], true),
    ("aws-secret-access-key", "ÉéÀà", &[], false),
    (concat!("twi", "tter-api-secret"), "abcdefABCDEF", &[], true),
    (concat!("twi", "tter-api-secret"), "abcdef123456", &[], false),
    (concat!("twi", "tter-api-secret"), "ABCDEF123456", &[], false),
    (concat!("twi", "tter-api-secret"), "aB3", &[], true),
    (concat!("twi", "tter-api-secret"), "aB", &[], true),
    (concat!("twi", "tter-api-secret"), concat!("l7b4", "I+fJ5DcGLyd2xPNl", "1RIYFeZB4UfczQ3+tz2P"), &[], true),
    (concat!("twi", "tter-api-secret"), "ÉéÀà", &[], false),
    ("putty-private-key", concat!("PuTTY-User", "-Key-File-3: ssh-rsa\nPrivate-Lines: 14\nabc"), &[], true),
    ("putty-private-key", concat!("PuTTY-User", "-Key-File-3: ssh-rsa\r\nPrivate-Lines: 14\r\nabc"), &[], true),
    ("putty-private-key", "Private-Lines: \n", &[], false),
    ("putty-private-key", "Private-Lines: 1x\n", &[], false),
    ("putty-private-key", "Private-Lines: 12\r\r\n", &[], false),
    ("jwt", concat!("e", "yJh", "bGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.e", "yJzdWIiOiI", "xIn0.mq2rOVuhryibISK5ZzzyufL2Q6IdB9UdTj8O1rn6R5N"), &[], true),
    ("jwt", concat!("e", "yJh", "bGciOiJub25lIn0.e", "yJzdWIiOiIxIn0.mq2", "rOVuhryibISK5ZzzyufL2Q6IdB9UdTj8O1rn6R5N"), &[], false),
    ("jwt", concat!("e", "yJh", "bGciOiJOT05FIn0.e", "yJzdWIiOiIxIn0.mq2", "rOVuhryibISK5ZzzyufL2Q6IdB9UdTj8O1rn6R5N"), &[], false),
    ("jwt", concat!("e", "yJh", "bGciOjF9.e", "yJzdWIiOiIxIn0.mq2rOVu", "hryibISK5ZzzyufL2Q6IdB9UdTj8O1rn6R5N"), &[], false),
    ("jwt", concat!("e", "yJ0", "eXAiOiJKV1QifQ.e", "yJzdWIiOiIxIn0.mq2r", "OVuhryibISK5ZzzyufL2Q6IdB9UdTj8O1rn6R5N"), &[], false),
    ("jwt", concat!("e", "yJhbGciOiJSUzI1NiJ9.WzEsMl0.mq2rOVuhryibISK5ZzzyufL2Q6IdB9UdTj8O1rn6R5N"), &[], true),
    ("jwt", concat!("e", "yJhbGciOiJSUzI1NiJ9.bnVsbA.mq2rOVuhryibISK5ZzzyufL2Q6IdB9UdTj8O1rn6R5N"), &[], false),
    ("jwt", concat!("e", "yJhbGciOiJSUzI1NiJ9.NDI.mq2rOVuhryibISK5ZzzyufL2Q6IdB9UdTj8O1rn6R5N"), &[], false),
    ("jwt", concat!("e", "yJhbGciOiJSUzI1NiJ9.InN0ciI.mq2rOVuhryibISK5ZzzyufL2Q6IdB9UdTj8O1rn6R5N"), &[], false),
    ("jwt", concat!("e", "yJhbGciOiJSUzI1NiJ9.e", "yJiaWciOjF9.aaaaaaaaXYZ"), &[], false),
    ("jwt", concat!("e", "yJhbGciOiJSUzI1NiJ9.e", "yJiaWciOjF9.aaaaaaaXYZ"), &[], true),
    ("jwt", concat!("e", "yJh", "bGciOiJub25lIiwiYWxnIjoiSFMyNTYifQ.e", "yJhIjo", "xfQ.mq2rOVuhryibISK5ZzzyufL2Q6IdB9UdTj8O1rn6R5N"), &[], true),
    ("jwt", concat!("e", "yJh", "bGciOiJIUzI1NiIsImFsZyI6Im5vbmUifQ.e", "yJhIjo", "xfQ.mq2rOVuhryibISK5ZzzyufL2Q6IdB9UdTj8O1rn6R5N"), &[], false),
    ("jwt", concat!("e", "yJc", "dTAwNjFsZyI6IkhTMjU2In0.e", "yJhIjoxfQ.mq", "2rOVuhryibISK5ZzzyufL2Q6IdB9UdTj8O1rn6R5N"), &[], true),
    ("jwt", concat!("e", "yJh", "bGciOiJIUzI1NiI.e", "yJhIjoxfQ.mq2rOV", "uhryibISK5ZzzyufL2Q6IdB9UdTj8O1rn6R5N"), &[], false),
    ("jwt", concat!("W3siYWxnIjoiSFMyNTYifV0.e", "yJhIjoxfQ.mq2rOVuhryibISK5ZzzyufL2Q6IdB9UdTj8O1rn6R5N"), &[], false),
    ("jwt", concat!("e", "yJh", "bGciOiJIUzI1NiJ9.e", "yJuIjoxZTQwMH0.mq2", "rOVuhryibISK5ZzzyufL2Q6IdB9UdTj8O1rn6R5N"), &[], true),
    ("jwt", concat!("e", "yJh", "bGciOiJIUzI1NiJ9.IHsiYSI6WzEse", "yJiIjpudWxsfV", "19IA.mq2rOVuhryibISK5ZzzyufL2Q6IdB9UdTj8O1rn6R5N"), &[], true),
    ("jwt", concat!("e", "yJh", "bGciOiJIUzI1NiJ9.e", "yJhIjoxfSB4.mq2r", "OVuhryibISK5ZzzyufL2Q6IdB9UdTj8O1rn6R5N"), &[], false),
    ("jwt", concat!("e", "yJh", "bGciOiJIUzI1NiJ9.e", "yJhIjoiw6kifQ.mq2", "rOVuhryibISK5ZzzyufL2Q6IdB9UdTj8O1rn6R5N"), &[], true),
    ("jwt", concat!("e", "yJh", "bGciOiJIw6kifQ.e", "yJhIjoxfQ.mq2rOV", "uhryibISK5ZzzyufL2Q6IdB9UdTj8O1rn6R5N"), &[], true),
    ("jwt", concat!("e", "yJhbGciOiJIUzI1NiJ9=.e", "yJhIjoxfQ.mq2rOVuhryibISK5ZzzyufL2Q6IdB9UdTj8O1rn6R5N"), &[], true),
    ("jwt", concat!("e", "yJh", "bGciOiJIUzI1NiJ9A.e", "yJhIjoxfQ.mq2rO", "VuhryibISK5ZzzyufL2Q6IdB9UdTj8O1rn6R5N"), &[], true),
    ("jwt", concat!("e", "yJhbGciOiJIUzI1NiJ9.eyJhIjoxfQ"), &[], true),
    ("private-key", concat!("--", "--", "-", "BEGIN RSA PRIVA", "TE KEY-----\nNKy8xM65ix5atCLLQdAUOQ3okP7eupyihl2nFu1lQq+1Rmu0xAIBxclQhTGAIU9+\nIpb3PvvVLD9Wsoylkmbkrj2s6WpYSN7XMhgCupcqDdzOBpeKce2vd408jXY+YSx", "w\nx1AroCaOgYr9JN/cWaDxjohDhc1VpXcJvnVGjGEbzk+CzF6gFVEg7CVCPnL0DBqP\nOeLtq1JBCwlRCRfuEyXAlqUSMZVow9EzdEwQBTCOWsieo7Z0S2oqXuOdudOGvBKN\n-----END RSA PRIVA", "TE KEY-----"), &[], true),
    ("private-key", concat!("--", "--", "-BEGIN PRIVA", "TE KEY-----\\nmd2uDWZLrSMvUuGrlhuEK+K5D80e2OXTQYUrX02KWn2R7d11csZOYetQlEERiwu2\\nGPAvHxYdFrgoosGBTmY2/KAFqGXGf3e", "ETYt5sx38U3PZuNjFriO6JupbUlcNJ6rG\\nlI6GNpwV3aolEtlSzPAsW/yBWIBXu9h4NocaEvYfes8YLKq56xloIjCLPUNOS9jk\\n-----END PRIVA", "TE KEY-----"), &[], true),
    ("private-key", concat!("----", "-BEGIN RSA PRIVA", "TE KEY-----\nAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", "A\nAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA\n-----END RSA PRIVA", "TE KEY-----"), &[], false),
    ("private-key", concat!("--", "--", "-", "BEGIN RSA PRIVA", "TE KEY-----\nProc-Type: 4,ENCRYPTED\nDEK-Info: AES-128-CBC,ABC\n\ng0SJCCaJttV++8IqCWkUvGdSF5F1USxPV/kb4KrtTVp12RaPGzbIvhldBsXIFOkO\ncbYShn", "wq+Q15DMsfwflbzGwQwirpqhq6aIYyIGQ6qo/IUDMEXMo4hrJuK43/UJMB\nyc2/h6QJry70qxaO4URoKAJAXPt7oEl9rFcSaMGm+tlOh1wtT3EdJwTKJ4jtlD1O\n-----END RSA PRIVA", "TE KEY-----"), &[], true),
    ("private-key", concat!("--", "--", "-", "BEGIN EC PRIVA", "TE KEY-----\\n\" +\n  \"EFFwD6FgxwMTjd3Lrn1tVPPDwFzoWN1OMPbOHdbP6/JMFBJwbnSzXKy/1wSRstxw\\n\"", " +\n  \"GwjFrLLAFeZggY8wkUmdiX+zufCH6mDYGxMakznyhugtgdF9mKINfXUt55ism15Q\\n\" +\n  \"-----END EC PRIVA", "TE KEY-----"), &[], true),
    ("private-key", concat!("----", "-BEGIN PRIVA", "TE KEY-----\nnHJD", "ZOiqkA5wSHlQu07", "+", "nnB3MpN6xlknavlh642Y\n-----END PRIVA", "TE KEY-----"), &[], false),
    ("private-key", concat!("-----BEGIN PRIVA", "TE KEY----- x -----\nF9qHrPoVA3/9RFpWPNiVBgmIGoY9blF6i9Gc5aGWQ+AxiEEJJzS0QoSVz/ZwIgQL\nWU/YYy36P7MAM085AThegIIDafzYYAf/XKRLrKuOyOowxxpcHaV8FTjjVODcW8MI\n-----END PRIVA", "TE KEY-----"), &[], true),
    ("private-key", concat!("--", "--", "-", "BEGIN PRIVA", "TE KEY-----\nurygq8kqiDze18vy4ltCL7Xs1CfDgQS/MJ8cQsRNphQ1Xzy1ANXlAAOVwQsOVAx", "H\nJF9BknoeGE/ofCadfGi9VbJEBmTDiDXHYPJlSKHWls9hoPAMw3hP1KU5zAcuqMUR\n-----END PRIVA", "TE KEY-----\nmore-----END X-----"), &[], true),
    ("private-key", concat!("--", "--", "-", "BEGIN PRIVA", "TE KEY-----\nA6q4lbmgJeZinRy0w2f+CV0oD44ziOB0HKra9pPx6/M9FqAF+8YCq8qD53B1S7J", "t\nWxfwdYVJE7Zywgw5zo94aS5ua7BoW8cq8qY2h/wbCbNeKNgZ5Yw73Y1uTzRjB816-----END PRIVA", "TE KEY-----"), &[], true),
    ("private-key", concat!("--", "--", "-", "BEGIN PRIVA", "TE KEY-----\n4k9B9Zv15hItq4v7H6twi5pTKzNcNMabc-def:ghi\n61Z+Hm+dwexc2eFTv6Ztne7Sep1ji4zIf2Ymzxw76S", "1I87edpyTPyxOGwrxOzTn9\nWMiqlrZNXvToQSO7k5CHzUOY4A3b1D2fCaaA9j0Upn2mRTJQ4eQzU9Sp5+BaUdyq\n-----END PRIVA", "TE KEY-----"), &[], true),
    ("private-key", concat!("----", "-BEGIN PRIVA", "TE KEY-----\ntKZ5ciIbnRl7wCBrG1nRDBm5iyMu8lu2aRt4hot6", "u1H7KC6OdOpA7Q3Fg+K7WiZGYG2VR1  hLykFfkX5S\n-----END PRIVA", "TE KEY-----"), &[], true),
    ("private-key", concat!("--", "---BEGIN PRIVA", "TE KEY-----\nnQUYBuvTAMzcb8a0KMTytXm//BMZI0F7VXohbEhsNigPwLIzIYNVdqoMkyvQg325SmYnJk\\'\\\"\\\\\\xNNT7yodNjS\n-----END PRIVA", "TE KEY-----"), &[], true),
    ("url-basic-auth", "S3cr3t-Pa55", &[("user", "app"), ("host", "db.acme.io:5432")], true),
    ("url-basic-auth", "app", &[("user", "app"), ("host", "db.acme.io")], false),
    ("url-basic-auth", "Passw0rdXYZ", &[("user", "a"), ("host", "localhost")], false),
    ("url-basic-auth", "Passw0rdXYZ", &[("user", "a"), ("host", "LOCALHOST:5432")], false),
    ("url-basic-auth", "Passw0rdXYZ", &[("user", "a"), ("host", "localhostx")], true),
    ("url-basic-auth", "Passw0rdXYZ", &[("user", "a"), ("host", "db.example.com")], false),
    ("url-basic-auth", "Passw0rdXYZ", &[("user", "a"), ("host", "db.example")], false),
    ("url-basic-auth", "Passw0rdXYZ", &[("user", "a"), ("host", "db.example.org")], true),
    ("url-basic-auth", "Passw0rdXYZ", &[("user", "a"), ("host", "example.org")], false),
    ("url-basic-auth", "Passw0rdXYZ", &[("user", "a"), ("host", "db.example.com.evil")], true),
    ("url-basic-auth", "Passw0rdXYZ", &[("user", "a"), ("host", "db.EXAMPLE.COM:80")], false),
    ("url-basic-auth", "Passw0rdXYZ", &[("user", "a"), ("host", "host")], false),
    ("url-basic-auth", "Passw0rdXYZ", &[("user", "a"), ("host", "hostname:1")], false),
    ("url-basic-auth", "Passw0rdXYZ", &[("user", "a"), ("host", "hosts")], true),
    ("url-basic-auth", "Passw0rdXYZ", &[("user", "a"), ("host", "127.0.0.1")], false),
    ("url-basic-auth", "Passw0rdXYZ", &[("user", "a"), ("host", "127.0.0.10")], true),
    ("url-basic-auth", "PASSWORD", &[("user", "a"), ("host", "db.io")], false),
    ("url-basic-auth", "Your_Password", &[("user", "a"), ("host", "db.io")], false),
    ("url-basic-auth", "xXx.**", &[("user", "a"), ("host", "db.io")], false),
    ("url-basic-auth", "x$y", &[("user", "a"), ("host", "db.io")], false),
    ("url-basic-auth", "p%41ss", &[("user", "a"), ("host", "db.io")], true),
    ("url-basic-auth", "p%4ss", &[("user", "a"), ("host", "db.io")], false),
    ("url-basic-auth", "pass%", &[("user", "a"), ("host", "db.io")], false),
    ("url-basic-auth", "pa*ss", &[("user", "a"), ("host", "db.io")], false),
    ("url-basic-auth", "Passw0rdXYZ", &[("user", "a"), ("host", "")], true),
    ("url-basic-auth", "Passw0rdXYZ", &[("user", "a")], true),
];

pub const PRECHECK: &[(&str, bool)] = &[
    (concat!(":", "//u:p@h"), true),
    (concat!(":", "//u@h"), false),
    (concat!(":", "//u:p h@"), false),
    (concat!(":", "//u:p/@"), false),
    (concat!(":", "//aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa:@"), true),
    (concat!(":", "//aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa:@"), true),
    (concat!(":", "//:@"), true),
    (concat!(":", "//u:p"), false),
    (concat!(":", "//u:p\t@"), false),
    (concat!(":", "//u:pé@"), true),
];

pub const KNOWN_PREFIX: &[(&str, usize)] = &[
    (
        concat!("gh", "p_", "DlcxiF00pMm8Filw", "p3bsvkk0mvNAq63Y3js8"),
        4,
    ),
    (
        concat!(
            "githu",
            "b_pat_3QU4DaJDkrapnAQK27z_2zNJEWdwArzMPSC6SvidSVTKOG"
        ),
        11,
    ),
    (concat!("glp", "at-t1_0FC3Vb99f7ZjWLNu7OJS"), 9),
    (concat!("glp", "at-FKbFgoCgv2"), 6),
    (concat!("sk-ant", "-api03-istrCwr8bAtWQi3TphrtV"), 13),
    ("sk-proj-HwaRwKUd1P9DG4BI", 8),
    ("sk-z8YhRQR8PrtvI0lBZ3reBX", 3),
    (concat!("sk_l", "ive_51XRCRw0uu5O27KGu"), 8),
    (concat!("rk_t", "est_abc"), 8),
    (concat!("AK", "IA", "EPPBG5", "44NHT3CTQ2"), 4),
    (concat!("xo", "xb-123-456-abc"), 5),
    (concat!("xoxe", ".xo", "xp-1-7HQ1fxED48QzQ4c4"), 10),
    (
        concat!(
            "https:",
            "//hooks.sl",
            "ack.com/services/T000/B000/XXXXXXXXXXXXXXXXXXXXXXXX"
        ),
        33,
    ),
    (
        concat!(
            "e",
            "yJh",
            "bGciOiJIUzI1NiJ9.e",
            "yJzdWIiOi",
            "IxIn0.T0WCCuh9yzhjr60DZebOit20oP"
        ),
        3,
    ),
    (concat!("Accou", "ntKey=o9FpggKH0OdhY2M6bO4yq5oe9Q=="), 11),
    (
        concat!(
            "--",
            "--",
            "-",
            "BEGIN RSA PRIVA",
            "TE KEY-----\nYIbDWdbQw3wiJT8MFaPLmM8aKnRzo8eyfwlSqtjrlZ",
            "/C4OPF8vAC5gOL22oQfP9I\nwdNXu2CS3Gybee2Pklge==\n-----END RSA PRIVA",
            "TE KEY-----"
        ),
        31,
    ),
    (
        concat!(
            "--",
            "--",
            "-BEGIN PRIVA",
            "TE KEY-----\\nZlPbQWsVP1bWTHQDVkOK8TyR+XtemPz",
            "2BVYaom/UZWeJ7xUWT7nbHNRM4zi/Qqa0\\n-----END PRIVA",
            "TE KEY-----"
        ),
        27,
    ),
    (
        concat!(
            "-----BEGIN OPENSSH PRIVA",
            "TE KEY BLOCK-----\nd1ZWdMhvVEl4YmLcR0YXKpy9wRXXzJ\n-----END OPENSSH PRIVA",
            "TE KEY BLOCK-----"
        ),
        41,
    ),
    (
        concat!(
            "-----BEGIN A B C D E F G H I J K L M PRIVA",
            "TE KEY-----abc"
        ),
        0,
    ),
    ("short", 0),
    ("0123456789", 0),
    ("012345678", 0),
    ("0123456789abcdef", 0),
    ("0123456789abcde", 0),
    ("x\"y'z`0123456789abcdef", 0),
    ("ab\\ncd\\r0123456789abcdef", 0),
    ("abc déf 0123456789 ghi", 0),
    (
        concat!(
            "PM",
            "AK-oexhSzPeK4l7tMVWIK0u533t4WhHcz6cHnkOoIgXPwEV824BPz3BMClFJxr"
        ),
        5,
    ),
    (concat!("pypi-AgEIc", "HlwaS5vcmc"), 5),
    (concat!("dop", "_v1_92pHhkU2ti8zwxqXCcxDllMUHw"), 7),
    (concat!("h", "f_HG2SsXzHUSTwdyoOPxpIWENd0R"), 3),
    ("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", 0),
    ("ab😀cdefghijklmnop😀", 0),
];

pub const REDACT: &[(&str, Option<usize>, bool, &str)] = &[
    (
        concat!("gh", "p_", "DlcxiF00pMm8Filw", "p3bsvkk0mvNAq63Y3js8"),
        None,
        true,
        concat!("gh", "p_…3js8"),
    ),
    (
        concat!("gh", "p_", "DlcxiF00pMm8Filw", "p3bsvkk0mvNAq63Y3js8"),
        None,
        false,
        concat!("gh", "p_…"),
    ),
    (
        concat!("gh", "p_", "DlcxiF00pMm8Filw", "p3bsvkk0mvNAq63Y3js8"),
        Some(5),
        true,
        concat!("gh", "p_D…3js8"),
    ),
    (
        concat!("gh", "p_", "DlcxiF00pMm8Filw", "p3bsvkk0mvNAq63Y3js8"),
        Some(45),
        true,
        concat!("gh", "p_", "DlcxiF00pMm8Filw", "p3bsvkk0mvNAq63Y3js8…"),
    ),
    (
        concat!(
            "githu",
            "b_pat_3QU4DaJDkrapnAQK27z_2zNJEWdwArzMPSC6SvidSVTKOG"
        ),
        None,
        true,
        concat!("githu", "b_pat_…TKOG"),
    ),
    (
        concat!(
            "githu",
            "b_pat_3QU4DaJDkrapnAQK27z_2zNJEWdwArzMPSC6SvidSVTKOG"
        ),
        None,
        false,
        concat!("githu", "b_pat_…"),
    ),
    (
        concat!(
            "githu",
            "b_pat_3QU4DaJDkrapnAQK27z_2zNJEWdwArzMPSC6SvidSVTKOG"
        ),
        Some(5),
        true,
        "githu…TKOG",
    ),
    (
        concat!(
            "githu",
            "b_pat_3QU4DaJDkrapnAQK27z_2zNJEWdwArzMPSC6SvidSVTKOG"
        ),
        Some(45),
        true,
        concat!("githu", "b_pat_3QU4DaJDkrapnAQK27z_2zNJEWdwA…TKOG"),
    ),
    (
        concat!("glp", "at-t1_0FC3Vb99f7ZjWLNu7OJS"),
        None,
        true,
        concat!("glp", "at-t1_…7OJS"),
    ),
    (
        concat!("glp", "at-t1_0FC3Vb99f7ZjWLNu7OJS"),
        None,
        false,
        concat!("glp", "at-t1_…"),
    ),
    (
        concat!("glp", "at-t1_0FC3Vb99f7ZjWLNu7OJS"),
        Some(5),
        true,
        "glpat…7OJS",
    ),
    (
        concat!("glp", "at-t1_0FC3Vb99f7ZjWLNu7OJS"),
        Some(45),
        true,
        concat!("glp", "at-t1_0FC3Vb99f7ZjWLNu7OJS…"),
    ),
    (
        concat!("glp", "at-FKbFgoCgv2"),
        None,
        true,
        concat!("glp", "at-…v2"),
    ),
    (
        concat!("glp", "at-FKbFgoCgv2"),
        None,
        false,
        concat!("glp", "at-…"),
    ),
    (concat!("glp", "at-FKbFgoCgv2"), Some(5), true, "glpat…v2"),
    (
        concat!("glp", "at-FKbFgoCgv2"),
        Some(45),
        true,
        concat!("glp", "at-FKbFgoCgv2…"),
    ),
    (
        concat!("sk-ant", "-api03-istrCwr8bAtWQi3TphrtV"),
        None,
        true,
        concat!("sk-ant", "-api03-…hrtV"),
    ),
    (
        concat!("sk-ant", "-api03-istrCwr8bAtWQi3TphrtV"),
        None,
        false,
        concat!("sk-ant", "-api03-…"),
    ),
    (
        concat!("sk-ant", "-api03-istrCwr8bAtWQi3TphrtV"),
        Some(5),
        true,
        "sk-an…hrtV",
    ),
    (
        concat!("sk-ant", "-api03-istrCwr8bAtWQi3TphrtV"),
        Some(45),
        true,
        concat!("sk-ant", "-api03-istrCwr8bAtWQi3TphrtV…"),
    ),
    ("sk-proj-HwaRwKUd1P9DG4BI", None, true, "sk-proj-…G4BI"),
    ("sk-proj-HwaRwKUd1P9DG4BI", None, false, "sk-proj-…"),
    ("sk-proj-HwaRwKUd1P9DG4BI", Some(5), true, "sk-pr…G4BI"),
    (
        "sk-proj-HwaRwKUd1P9DG4BI",
        Some(45),
        true,
        "sk-proj-HwaRwKUd1P9DG4BI…",
    ),
    ("sk-z8YhRQR8PrtvI0lBZ3reBX", None, true, "sk-…reBX"),
    ("sk-z8YhRQR8PrtvI0lBZ3reBX", None, false, "sk-…"),
    ("sk-z8YhRQR8PrtvI0lBZ3reBX", Some(5), true, "sk-z8…reBX"),
    (
        "sk-z8YhRQR8PrtvI0lBZ3reBX",
        Some(45),
        true,
        "sk-z8YhRQR8PrtvI0lBZ3reBX…",
    ),
    (
        concat!("sk_l", "ive_51XRCRw0uu5O27KGu"),
        None,
        true,
        concat!("sk_l", "ive_…7KGu"),
    ),
    (
        concat!("sk_l", "ive_51XRCRw0uu5O27KGu"),
        None,
        false,
        concat!("sk_l", "ive_…"),
    ),
    (
        concat!("sk_l", "ive_51XRCRw0uu5O27KGu"),
        Some(5),
        true,
        "sk_li…7KGu",
    ),
    (
        concat!("sk_l", "ive_51XRCRw0uu5O27KGu"),
        Some(45),
        true,
        concat!("sk_l", "ive_51XRCRw0uu5O27KGu…"),
    ),
    (
        concat!("rk_t", "est_abc"),
        None,
        true,
        concat!("rk_t", "est_…"),
    ),
    (
        concat!("rk_t", "est_abc"),
        None,
        false,
        concat!("rk_t", "est_…"),
    ),
    (concat!("rk_t", "est_abc"), Some(5), true, "rk_te…"),
    (
        concat!("rk_t", "est_abc"),
        Some(45),
        true,
        concat!("rk_t", "est_abc…"),
    ),
    (
        concat!("AK", "IA", "EPPBG5", "44NHT3CTQ2"),
        None,
        true,
        "AKIA…CTQ2",
    ),
    (
        concat!("AK", "IA", "EPPBG5", "44NHT3CTQ2"),
        None,
        false,
        "AKIA…",
    ),
    (
        concat!("AK", "IA", "EPPBG5", "44NHT3CTQ2"),
        Some(5),
        true,
        "AKIAE…Q2",
    ),
    (
        concat!("AK", "IA", "EPPBG5", "44NHT3CTQ2"),
        Some(45),
        true,
        concat!("AK", "IA", "EPPBG5", "44NHT3CTQ2…"),
    ),
    (
        concat!("xo", "xb-123-456-abc"),
        None,
        true,
        concat!("xo", "xb-…bc"),
    ),
    (
        concat!("xo", "xb-123-456-abc"),
        None,
        false,
        concat!("xo", "xb-…"),
    ),
    (
        concat!("xo", "xb-123-456-abc"),
        Some(5),
        true,
        concat!("xo", "xb-…bc"),
    ),
    (
        concat!("xo", "xb-123-456-abc"),
        Some(45),
        true,
        concat!("xo", "xb-123-456-abc…"),
    ),
    (
        concat!("xoxe", ".xo", "xp-1-7HQ1fxED48QzQ4c4"),
        None,
        true,
        concat!("xoxe", ".xo", "xp-…Q4c4"),
    ),
    (
        concat!("xoxe", ".xo", "xp-1-7HQ1fxED48QzQ4c4"),
        None,
        false,
        concat!("xoxe", ".xo", "xp-…"),
    ),
    (
        concat!("xoxe", ".xo", "xp-1-7HQ1fxED48QzQ4c4"),
        Some(5),
        true,
        "xoxe.…Q4c4",
    ),
    (
        concat!("xoxe", ".xo", "xp-1-7HQ1fxED48QzQ4c4"),
        Some(45),
        true,
        concat!("xoxe", ".xo", "xp-1-7HQ1fxED48QzQ4c4…"),
    ),
    (
        concat!(
            "https:",
            "//hooks.sl",
            "ack.com/services/T000/B000/XXXXXXXXXXXXXXXXXXXXXXXX"
        ),
        None,
        true,
        concat!("https:", "//hooks.sl", "ack.com/services/…XXXX"),
    ),
    (
        concat!(
            "https:",
            "//hooks.sl",
            "ack.com/services/T000/B000/XXXXXXXXXXXXXXXXXXXXXXXX"
        ),
        None,
        false,
        concat!("https:", "//hooks.sl", "ack.com/services/…"),
    ),
    (
        concat!(
            "https:",
            "//hooks.sl",
            "ack.com/services/T000/B000/XXXXXXXXXXXXXXXXXXXXXXXX"
        ),
        Some(5),
        true,
        "https…XXXX",
    ),
    (
        concat!(
            "https:",
            "//hooks.sl",
            "ack.com/services/T000/B000/XXXXXXXXXXXXXXXXXXXXXXXX"
        ),
        Some(45),
        true,
        concat!("https:", "//hooks.sl", "ack.com/services/T000/B0…XXXX"),
    ),
    (
        concat!(
            "e",
            "yJh",
            "bGciOiJIUzI1NiJ9.e",
            "yJzdWIiOi",
            "IxIn0.T0WCCuh9yzhjr60DZebOit20oP"
        ),
        None,
        true,
        "eyJ…20oP",
    ),
    (
        concat!(
            "e",
            "yJh",
            "bGciOiJIUzI1NiJ9.e",
            "yJzdWIiOi",
            "IxIn0.T0WCCuh9yzhjr60DZebOit20oP"
        ),
        None,
        false,
        "eyJ…",
    ),
    (
        concat!(
            "e",
            "yJh",
            "bGciOiJIUzI1NiJ9.e",
            "yJzdWIiOi",
            "IxIn0.T0WCCuh9yzhjr60DZebOit20oP"
        ),
        Some(5),
        true,
        "eyJhb…20oP",
    ),
    (
        concat!(
            "e",
            "yJh",
            "bGciOiJIUzI1NiJ9.e",
            "yJzdWIiOi",
            "IxIn0.T0WCCuh9yzhjr60DZebOit20oP"
        ),
        Some(45),
        true,
        concat!("e", "yJhbGciOiJIUzI1NiJ9.e", "yJzdWIiOiIxIn0.T0W…20oP"),
    ),
    (
        concat!("Accou", "ntKey=o9FpggKH0OdhY2M6bO4yq5oe9Q=="),
        None,
        true,
        concat!("Accou", "ntKey=…9Q=="),
    ),
    (
        concat!("Accou", "ntKey=o9FpggKH0OdhY2M6bO4yq5oe9Q=="),
        None,
        false,
        concat!("Accou", "ntKey=…"),
    ),
    (
        concat!("Accou", "ntKey=o9FpggKH0OdhY2M6bO4yq5oe9Q=="),
        Some(5),
        true,
        "Accou…9Q==",
    ),
    (
        concat!("Accou", "ntKey=o9FpggKH0OdhY2M6bO4yq5oe9Q=="),
        Some(45),
        true,
        concat!("Accou", "ntKey=o9FpggKH0OdhY2M6bO4yq5oe9Q==…"),
    ),
    (
        concat!(
            "--",
            "--",
            "-",
            "BEGIN RSA PRIVA",
            "TE KEY-----\nYIbDWdbQw3wiJT8MFaPLmM8aKnRzo8eyfwlSqtjrlZ",
            "/C4OPF8vAC5gOL22oQfP9I\nwdNXu2CS3Gybee2Pklge==\n-----END RSA PRIVA",
            "TE KEY-----"
        ),
        None,
        true,
        concat!("-----BEGIN RSA PRIVA", "TE KEY-----…ge=="),
    ),
    (
        concat!(
            "--",
            "--",
            "-",
            "BEGIN RSA PRIVA",
            "TE KEY-----\nYIbDWdbQw3wiJT8MFaPLmM8aKnRzo8eyfwlSqtjrlZ",
            "/C4OPF8vAC5gOL22oQfP9I\nwdNXu2CS3Gybee2Pklge==\n-----END RSA PRIVA",
            "TE KEY-----"
        ),
        None,
        false,
        concat!("-----BEGIN RSA PRIVA", "TE KEY-----…"),
    ),
    (
        concat!(
            "--",
            "--",
            "-",
            "BEGIN RSA PRIVA",
            "TE KEY-----\nYIbDWdbQw3wiJT8MFaPLmM8aKnRzo8eyfwlSqtjrlZ",
            "/C4OPF8vAC5gOL22oQfP9I\nwdNXu2CS3Gybee2Pklge==\n-----END RSA PRIVA",
            "TE KEY-----"
        ),
        Some(5),
        true,
        "-----…ge==",
    ),
    (
        concat!(
            "--",
            "--",
            "-",
            "BEGIN RSA PRIVA",
            "TE KEY-----\nYIbDWdbQw3wiJT8MFaPLmM8aKnRzo8eyfwlSqtjrlZ",
            "/C4OPF8vAC5gOL22oQfP9I\nwdNXu2CS3Gybee2Pklge==\n-----END RSA PRIVA",
            "TE KEY-----"
        ),
        Some(45),
        true,
        concat!("-----BEGIN RSA PRIVA", "TE KEY-----\nYIbDWdbQ…ge=="),
    ),
    (
        concat!(
            "--",
            "--",
            "-BEGIN PRIVA",
            "TE KEY-----\\nZlPbQWsVP1bWTHQDVkOK8TyR+XtemPz",
            "2BVYaom/UZWeJ7xUWT7nbHNRM4zi/Qqa0\\n-----END PRIVA",
            "TE KEY-----"
        ),
        None,
        true,
        concat!("-----BEGIN PRIVA", "TE KEY-----…Qqa0"),
    ),
    (
        concat!(
            "--",
            "--",
            "-BEGIN PRIVA",
            "TE KEY-----\\nZlPbQWsVP1bWTHQDVkOK8TyR+XtemPz",
            "2BVYaom/UZWeJ7xUWT7nbHNRM4zi/Qqa0\\n-----END PRIVA",
            "TE KEY-----"
        ),
        None,
        false,
        concat!("-----BEGIN PRIVA", "TE KEY-----…"),
    ),
    (
        concat!(
            "--",
            "--",
            "-BEGIN PRIVA",
            "TE KEY-----\\nZlPbQWsVP1bWTHQDVkOK8TyR+XtemPz",
            "2BVYaom/UZWeJ7xUWT7nbHNRM4zi/Qqa0\\n-----END PRIVA",
            "TE KEY-----"
        ),
        Some(5),
        true,
        "-----…Qqa0",
    ),
    (
        concat!(
            "--",
            "--",
            "-BEGIN PRIVA",
            "TE KEY-----\\nZlPbQWsVP1bWTHQDVkOK8TyR+XtemPz",
            "2BVYaom/UZWeJ7xUWT7nbHNRM4zi/Qqa0\\n-----END PRIVA",
            "TE KEY-----"
        ),
        Some(45),
        true,
        concat!("-----BEGIN PRIVA", "TE KEY-----\\nZlPbQWsVP1b…Qqa0"),
    ),
    (
        concat!(
            "-----BEGIN OPENSSH PRIVA",
            "TE KEY BLOCK-----\nd1ZWdMhvVEl4YmLcR0YXKpy9wRXXzJ\n-----END OPENSSH PRIVA",
            "TE KEY BLOCK-----"
        ),
        None,
        true,
        concat!("-----BEGIN OPENSSH PRIVA", "TE KEY BLOCK----…XXzJ"),
    ),
    (
        concat!(
            "-----BEGIN OPENSSH PRIVA",
            "TE KEY BLOCK-----\nd1ZWdMhvVEl4YmLcR0YXKpy9wRXXzJ\n-----END OPENSSH PRIVA",
            "TE KEY BLOCK-----"
        ),
        None,
        false,
        concat!("-----BEGIN OPENSSH PRIVA", "TE KEY BLOCK----…"),
    ),
    (
        concat!(
            "-----BEGIN OPENSSH PRIVA",
            "TE KEY BLOCK-----\nd1ZWdMhvVEl4YmLcR0YXKpy9wRXXzJ\n-----END OPENSSH PRIVA",
            "TE KEY BLOCK-----"
        ),
        Some(5),
        true,
        "-----…XXzJ",
    ),
    (
        concat!(
            "-----BEGIN OPENSSH PRIVA",
            "TE KEY BLOCK-----\nd1ZWdMhvVEl4YmLcR0YXKpy9wRXXzJ\n-----END OPENSSH PRIVA",
            "TE KEY BLOCK-----"
        ),
        Some(45),
        true,
        concat!("-----BEGIN OPENSSH PRIVA", "TE KEY BLOCK----…XXzJ"),
    ),
    (
        concat!(
            "-----BEGIN A B C D E F G H I J K L M PRIVA",
            "TE KEY-----abc"
        ),
        None,
        true,
        "…-abc",
    ),
    (
        concat!(
            "-----BEGIN A B C D E F G H I J K L M PRIVA",
            "TE KEY-----abc"
        ),
        None,
        false,
        "…",
    ),
    (
        concat!(
            "-----BEGIN A B C D E F G H I J K L M PRIVA",
            "TE KEY-----abc"
        ),
        Some(5),
        true,
        "-----…-abc",
    ),
    (
        concat!(
            "-----BEGIN A B C D E F G H I J K L M PRIVA",
            "TE KEY-----abc"
        ),
        Some(45),
        true,
        "-----BEGIN A B C D E F G H I J K L M PRI…bc",
    ),
    ("short", None, true, "…"),
    ("short", None, false, "…"),
    ("short", Some(5), true, "short…"),
    ("short", Some(45), true, "short…"),
    ("0123456789", None, true, "…89"),
    ("0123456789", None, false, "…"),
    ("0123456789", Some(5), true, "01234…"),
    ("0123456789", Some(45), true, "0123456789…"),
    ("012345678", None, true, "…"),
    ("012345678", None, false, "…"),
    ("012345678", Some(5), true, "01234…"),
    ("012345678", Some(45), true, "012345678…"),
    ("0123456789abcdef", None, true, "…cdef"),
    ("0123456789abcdef", None, false, "…"),
    ("0123456789abcdef", Some(5), true, "01234…ef"),
    ("0123456789abcdef", Some(45), true, "0123456789abcdef…"),
    ("0123456789abcde", None, true, "…de"),
    ("0123456789abcde", None, false, "…"),
    ("0123456789abcde", Some(5), true, "01234…de"),
    ("0123456789abcde", Some(45), true, "0123456789abcde…"),
    ("x\"y'z`0123456789abcdef", None, true, "…cdef"),
    ("x\"y'z`0123456789abcdef", None, false, "…"),
    ("x\"y'z`0123456789abcdef", Some(5), true, "x\"y'z…cdef"),
    (
        "x\"y'z`0123456789abcdef",
        Some(45),
        true,
        "x\"y'z`0123456789abcdef…",
    ),
    ("ab\\ncd\\r0123456789abcdef", None, true, "…cdef"),
    ("ab\\ncd\\r0123456789abcdef", None, false, "…"),
    ("ab\\ncd\\r0123456789abcdef", Some(5), true, "ab\\nc…cdef"),
    (
        "ab\\ncd\\r0123456789abcdef",
        Some(45),
        true,
        "ab\\ncd\\r0123456789abcdef…",
    ),
    ("abc déf 0123456789 ghi", None, true, "…9ghi"),
    ("abc déf 0123456789 ghi", None, false, "…"),
    ("abc déf 0123456789 ghi", Some(5), true, "abc d…hi"),
    (
        "abc déf 0123456789 ghi",
        Some(45),
        true,
        "abc déf 0123456789 ghi…",
    ),
    (
        concat!(
            "PM",
            "AK-oexhSzPeK4l7tMVWIK0u533t4WhHcz6cHnkOoIgXPwEV824BPz3BMClFJxr"
        ),
        None,
        true,
        concat!("PM", "AK-…FJxr"),
    ),
    (
        concat!(
            "PM",
            "AK-oexhSzPeK4l7tMVWIK0u533t4WhHcz6cHnkOoIgXPwEV824BPz3BMClFJxr"
        ),
        None,
        false,
        concat!("PM", "AK-…"),
    ),
    (
        concat!(
            "PM",
            "AK-oexhSzPeK4l7tMVWIK0u533t4WhHcz6cHnkOoIgXPwEV824BPz3BMClFJxr"
        ),
        Some(5),
        true,
        concat!("PM", "AK-…FJxr"),
    ),
    (
        concat!(
            "PM",
            "AK-oexhSzPeK4l7tMVWIK0u533t4WhHcz6cHnkOoIgXPwEV824BPz3BMClFJxr"
        ),
        Some(45),
        true,
        concat!("PM", "AK-oexhSzPeK4l7tMVWIK0u533t4WhHcz6cHnk…FJxr"),
    ),
    (concat!("pypi-AgEIc", "HlwaS5vcmc"), None, true, "pypi-…mc"),
    (concat!("pypi-AgEIc", "HlwaS5vcmc"), None, false, "pypi-…"),
    (
        concat!("pypi-AgEIc", "HlwaS5vcmc"),
        Some(5),
        true,
        "pypi-…mc",
    ),
    (
        concat!("pypi-AgEIc", "HlwaS5vcmc"),
        Some(45),
        true,
        concat!("pypi-AgEIc", "HlwaS5vcmc…"),
    ),
    (
        concat!("dop", "_v1_92pHhkU2ti8zwxqXCcxDllMUHw"),
        None,
        true,
        concat!("dop", "_v1_…MUHw"),
    ),
    (
        concat!("dop", "_v1_92pHhkU2ti8zwxqXCcxDllMUHw"),
        None,
        false,
        concat!("dop", "_v1_…"),
    ),
    (
        concat!("dop", "_v1_92pHhkU2ti8zwxqXCcxDllMUHw"),
        Some(5),
        true,
        "dop_v…MUHw",
    ),
    (
        concat!("dop", "_v1_92pHhkU2ti8zwxqXCcxDllMUHw"),
        Some(45),
        true,
        concat!("dop", "_v1_92pHhkU2ti8zwxqXCcxDllMUHw…"),
    ),
    (
        concat!("h", "f_HG2SsXzHUSTwdyoOPxpIWENd0R"),
        None,
        true,
        concat!("h", "f_…Nd0R"),
    ),
    (
        concat!("h", "f_HG2SsXzHUSTwdyoOPxpIWENd0R"),
        None,
        false,
        concat!("h", "f_…"),
    ),
    (
        concat!("h", "f_HG2SsXzHUSTwdyoOPxpIWENd0R"),
        Some(5),
        true,
        concat!("h", "f_HG…Nd0R"),
    ),
    (
        concat!("h", "f_HG2SsXzHUSTwdyoOPxpIWENd0R"),
        Some(45),
        true,
        concat!("h", "f_HG2SsXzHUSTwdyoOPxpIWENd0R…"),
    ),
    (
        "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
        None,
        true,
        "…AAAA",
    ),
    (
        "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
        None,
        false,
        "…",
    ),
    (
        "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
        Some(5),
        true,
        "AAAAA…AAAA",
    ),
    (
        "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
        Some(45),
        true,
        concat!("AAAA", "AAAAAAAAAAAAAAAA", "AAAAAAAAAAAAAAAAAAAA…AA"),
    ),
    ("ab😀cdefghijklmnop😀", None, true, "…op😀"),
    ("ab😀cdefghijklmnop😀", None, false, "…"),
    ("ab😀cdefghijklmnop😀", Some(5), true, "ab😀c…😀"),
    (
        "ab😀cdefghijklmnop😀",
        Some(45),
        true,
        "ab😀cdefghijklmnop😀…",
    ),
];

pub const BASE64: &[(&str, &str)] = &[
    ("", ""),
    ("Q", ""),
    ("QQ", "41"),
    ("QQ=", "41"),
    ("QQ==", "41"),
    ("QUJD", "414243"),
    ("QUJDR", "414243"),
    ("QUJDRA", "41424344"),
    ("QUJDRA=", "41424344"),
    ("QUJDRA==", "41424344"),
    ("QUJDREU", "4142434445"),
    ("-_-_", "fbffbf"),
    ("+/+/", "fbffbf"),
    ("QUJD=", "414243"),
    ("QUJDRA=x", "41424344"),
    ("Q=Q=", ""),
    ("QU JD", "414243"),
    ("QU\nJD", "414243"),
    ("!!QUJD", "414243"),
    ("QUJD!", "414243"),
    ("QR", "41"),
    ("QUJDREVGR", "414243444546"),
    ("=QUJD", ""),
    ("QUJD==QUJD", "414243"),
    ("Q!==", ""),
    ("", ""),
    ("b=", ""),
    ("95==", "f7"),
    ("HuW", "1ee5"),
    ("dnwd=", "767c1d"),
    ("KsPi/==", "2ac3e2"),
    ("nHatWu", "9c76ad5a"),
    ("cnDzLgJ=", "7270f32e02"),
    ("Q0Uvk9Ua==", "43452f93d51a"),
    ("D7AC5tdsQ", "0fb002e6d76c"),
    ("WBY2LwlA-j=", "5816362f0940fa"),
    ("-eY9DsW7UkX==", "f9e63d0ec5bb5245"),
    ("5u5TF/6WqQCm", "e6ee5317fe96a900a6"),
    ("8y56i5QZIvRTE=", "f32e7a8b941922f453"),
    ("HhQWNMwZrpsnlX==", "1e141634cc19ae9b2795"),
    ("fHVcax7GXiCnpNT", "7c755c6b1ec65e20a7a4d4"),
    ("-n_tVv17ih-QXY+3=", "fa7fed56fd7b8a1f905d8fb7"),
    ("ATB7gg7jPBPY3wL4M==", "01307b820ee33c13d8df02f8"),
    ("5XURU96x4Ap_wsmoyA", "e5751153deb1e00a7fc2c9a8c8"),
    ("RVF2J6ki-DUypRzWUmk=", "45517627a922f83532a51cd65269"),
    ("fr1mHrdhCPIuRaMymkBO==", "7ebd661eb76108f22e45a3329a404e"),
    ("oNSrKsxMjncZl0Ap_2/TY", "a0d4ab2acc4c8e7719974029ff6fd3"),
    (
        "uBNgpb6/sXX8AmkTNkpNNi=",
        "b81360a5bebfb175fc026913364a4d36",
    ),
    (
        "ZbvRr2mi1BlVPsQYNAF_0+L==",
        "65bbd1af69a2d419553ec41834017fd3e2",
    ),
    (
        "T37HWNHDshqovnTs18+HGU-E",
        "4f7ec758d1c3b21aa8be74ecd7cf87194f84",
    ),
    (
        "D3UkTteHJCG7oTFbL/+m5IIjf=",
        "0f75244ed7872421bba1315b2fffa6e48223",
    ),
    (
        "+qJ0vKWI1LVN7bAP3jdGGvr8MK==",
        "faa274bca588d4b54dedb00fde37461afafc30",
    ),
    (
        "YbODFUaym6Vw-O1ewjnEPTff8Tb",
        concat!("61b3", "831546b29ba570f8", "ed5ec239c43d37dff136"),
    ),
    (
        "ncE0ugIBIS70FXZrs0H1EgaT4q0G=",
        "9dc134ba0201212ef415766bb341f5120693e2ad06",
    ),
    (
        "2lKEc8zZXhx+uuPLj1Tb+-0vuB_LL==",
        "da528473ccd95e1c7ebae3cb8f54dbfbed2fb81fcb",
    ),
    (
        "_YAfuYbNX3+/ksDQef/wrKOCCLD0sp",
        "fd801fb986cd5f7fbf92c0d079fff0aca38208b0f4b2",
    ),
    (
        "n9gZAeFYS7dBYbtMOsuiyCU/EiwYhl/=",
        "9fd81901e1584bb74161bb4c3acba2c8253f122c18865f",
    ),
    (
        "N7glCK+A6YQEZMwe2GFY/SMPw7BXPXuf==",
        "37b82508af80e9840464cc1ed86158fd230fc3b0573d7b9f",
    ),
    (
        "dIWcPGnp3HoC_DgXYczecEEXu4wwBEkFQ",
        "74859c3c69e9dc7a02fc381761ccde704117bb8c30044905",
    ),
    (
        "87SSO42neRhEs+n2s/TqK9GFt0FQqW6cd7=",
        "f3b4923b8da7791844b3e9f6b3f4ea2bd185b74150a96e9c77",
    ),
    (
        "W33OIzWqraQ4JV1PGPi0BYVRV4zxE1WDRW9==",
        "5b7dce2335aaada438255d4f18f8b4058551578cf1135583456f",
    ),
    (
        "CQ2Z-9TbVfCwjpnkPaE__r6Eo_cs1tDIYCeI",
        "090d99fbd4db55f0b08e99e43da13ffebe84a3f72cd6d0c8602788",
    ),
    (
        "ZUPsJs4mGUOxkyI1yVkxXtluWNLF/GiGIUVTS=",
        "6543ec26ce261943b1932235c959315ed96e58d2c5fc6886214553",
    ),
    (
        "C9om0elupM68KMx1xgm5FBRbNqWx+Sh68XtuYx==",
        "0bda26d1e96ea4cebc28cc75c609b914145b36a5b1f9287af17b6e63",
    ),
    (
        "u46xCSteFYQJIsZFinAyOf97ogN8Roo_JQFiNFI",
        "bb8eb1092b5e15840922c6458a703239ff7ba2037c468a3f2501623452",
    ),
];

pub struct C {
    pub rule: &'static str,
    pub start: usize,
    pub end: usize,
    pub secret: &'static str,
    pub prefix_length: usize,
    pub encoding: &'static [&'static str],
    pub groups: &'static [(&'static str, &'static str)],
}
pub struct K {
    pub index: usize,
    pub hash: &'static str,
}
pub struct V {
    pub candidates: &'static [C],
    pub kept: &'static [K],
    pub rejected: [usize; 4],
}

pub const VERIFY: &[V] = &[
    V { candidates: &[
        C { rule: "github-pat-classic", start: 10, end: 50, secret: concat!("gh", "p_", "kaTPzTPphs568YSQ", "hJrNQDqvOSXEdw0WamS4"), prefix_length: 4, encoding: &[], groups: &[] },
        C { rule: "github-pat-classic", start: 60, end: 100, secret: concat!("gh", "p_", "ouKiTr5mArH6HTlI", "qZW1830tre036i0CobjZ"), prefix_length: 4, encoding: &[], groups: &[] },
        C { rule: "github-pat-classic", start: 10, end: 50, secret: concat!("gh", "p_", "kaTPzTPphs568YSQ", "hJrNQDqvOSXEdw0WamS4"), prefix_length: 4, encoding: &["base64"], groups: &[] },
        C { rule: "jwt", start: 5, end: 40, secret: concat!("e", "yJh", "bGciOiJIUzI1NiJ9.e", "yJzdWIiOiJOWTNiS05uTiJ", "9.qc6L9WGVxJeLqj6Iqzu5AnF8SjK6zzWOkPSVt7n1SZq"), prefix_length: 3, encoding: &[], groups: &[] },
        C { rule: "jwt", start: 0, end: 60, secret: concat!("e", "yJh", "bGciOiJIUzI1NiJ9.e", "yJzdWIiOiJOWTNiS05uTiJ", "9.qc6L9WGVxJeLqj6Iqzu5AnF8SjK6zzWOkPSVt7n1SZq"), prefix_length: 3, encoding: &["percent"], groups: &[] },
        C { rule: "aws-secret-access-key", start: 200, end: 240, secret: concat!("gaRG", "VNwEYkh1Ea9km7kr", "5NXHqmWh6xXoXz0t9Yov"), prefix_length: 0, encoding: &[], groups: &[] },
        C { rule: "aws-secret-access-key", start: 300, end: 340, secret: concat!("aaaa", "aaaaaaaaaaaaaaaa", "aaaaaaaaaaaaaaaaaaaa"), prefix_length: 0, encoding: &[], groups: &[] },
        C { rule: "aws-secret-access-key", start: 400, end: 440, secret: concat!("abcd", "efghijklmnopqrst", "uvwxyzabcdefghijklmn"), prefix_length: 0, encoding: &[], groups: &[] },
        C { rule: "url-basic-auth", start: 500, end: 510, secret: "password", prefix_length: 0, encoding: &[], groups: &[("user", "u"), ("host", "db.io")] },
        C { rule: "url-basic-auth", start: 520, end: 530, secret: "Pw3cH5CgOFAj", prefix_length: 0, encoding: &[], groups: &[("user", "u"), ("host", "db.io")] },
        C { rule: "private-key", start: 600, end: 852, secret: concat!("--", "--", "-BEGIN PRIVA", "TE KEY-----\\nEBcanKCiRou0nxHionwu3aLBhE8roG3WibNrJha476hIdJTLjEbqMoxQ1qRc4iom\\nl5ng5giZ8KyqjRbKtlQAmJGVfswkCxt", "J82xdSYNbgukLR92C5zrJmcfTyNmYMUMb\\n6TFHpgsesP9qQuDwzcfqoheYRNGk5kJse22uCLqLQ4sw7CArac9Z10m+xN2239Cw\\n-----END PRIVA", "TE KEY-----"), prefix_length: 0, encoding: &[], groups: &[] },
        C { rule: "private-key", start: 600, end: 852, secret: concat!("--", "--", "-", "BEGIN PRIVA", "TE KEY-----\nEBcanKCiRou0nxHionwu3aLBhE8roG3WibNrJha476hIdJTLjEbqMoxQ1qRc4iom\nl5ng5giZ8KyqjRbKtlQAmJGVfswkCxt", "J82xdSYNbgukLR92C5zrJmcfTyNmYMUMb\n6TFHpgsesP9qQuDwzcfqoheYRNGk5kJse22uCLqLQ4sw7CArac9Z10m+xN2239Cw\n-----END PRIVA", "TE KEY-----"), prefix_length: 0, encoding: &["json"], groups: &[] },
        C { rule: "private-key", start: 600, end: 852, secret: concat!("--", "--", "-BEGIN PRIVA", "TE KEY-----\\nEBcanKCiRou0nxHionwu3aLBhE8roG3WibNrJha476hIdJTLjEbqMoxQ1qRc4iom\\nl5ng5giZ8KyqjRbKtlQAmJGVfswkCxt", "J82xdSYNbgukLR92C5zrJmcfTyNmYMUMb\\n6TFHpgsesP9qQuDwzcfqoheYRNGk5kJse22uCLqLQ4sw7CArac9Z10m+xN2239Cw\\n-----END PRIVA", "TE KEY-----"), prefix_length: 0, encoding: &["json"], groups: &[] }
    ], kept: &[K { index: 4, hash: "10327afc119a6f89663538df32e110c1721a713fbe2e4ef9d4f9403d02fd224a" }, K { index: 5, hash: "71eff9773836dadccee44deaef1a49d535f9c90a7facf0b4447e576d456cf9c4" }, K { index: 9, hash: "64f3b54de48ed6d6b3a8842a0d5b8fb14bce26f402cb0512443a01a90bb24db8" }, K { index: 11, hash: "7ca5e8b0cb48076eac6adae6915e12fa89b8568196df8918f8c5e7cedac87548" }], rejected: [1, 2, 0, 1] },
    V { candidates: &[
        C { rule: "aws-secret-access-key", start: 0, end: 40, secret: concat!("gaRG", "VNwEYkh1Ea9km7kr", "5NXHqmWh6xXoXz0t9Yov"), prefix_length: 0, encoding: &["base64", "json"], groups: &[] },
        C { rule: "aws-secret-access-key", start: 0, end: 40, secret: concat!("gaRG", "VNwEYkh1Ea9km7kr", "5NXHqmWh6xXoXz0t9Yov"), prefix_length: 0, encoding: &["base64"], groups: &[] },
        C { rule: "jwt", start: 0, end: 40, secret: concat!("e", "yJh", "bGciOiJIUzI1NiJ9.e", "yJzdWIiOiJOWTNiS05uTiJ", "9.qc6L9WGVxJeLqj6Iqzu5AnF8SjK6zzWOkPSVt7n1SZq"), prefix_length: 3, encoding: &["json"], groups: &[] },
        C { rule: "github-pat-classic", start: 41, end: 50, secret: concat!("gh", "p_", "kaTPzTPphs568YSQ", "hJrNQDqvOSXEdw0WamS4"), prefix_length: 4, encoding: &[], groups: &[] },
        C { rule: "github-pat-classic", start: 30, end: 45, secret: concat!("gh", "p_", "kaTPzTPphs568YSQ", "hJrNQDqvOSXEdw0WamS4"), prefix_length: 4, encoding: &[], groups: &[] },
        C { rule: "github-pat-classic", start: 30, end: 45, secret: concat!("gh", "p_", "kaTPzTPphs568YSQ", "hJrNQDqvOSXEdw0WamS4"), prefix_length: 40, encoding: &[], groups: &[] }
    ], kept: &[K { index: 1, hash: "71eff9773836dadccee44deaef1a49d535f9c90a7facf0b4447e576d456cf9c4" }, K { index: 4, hash: "13feb322cb4e7843a9bf9a5fdc29573d1482a2710e2eca2731f8da22e9b14eba" }, K { index: 3, hash: "13feb322cb4e7843a9bf9a5fdc29573d1482a2710e2eca2731f8da22e9b14eba" }], rejected: [0, 0, 0, 0] },
];

pub struct D {
    pub name: &'static str,
    pub text: &'static [u16],
    pub starts: &'static [usize],
    pub ends: &'static [usize],
    pub end: usize,
}

pub const DECODERS: &[(&str, &[u16], bool, usize, usize, usize, Option<D>)] = &[
    (
        "base64",
        &[
            107, 101, 121, 58, 32, 101, 121, 74, 48, 98, 50, 116, 108, 98, 105, 73, 54, 73, 109,
            100, 111, 99, 70, 56, 119, 77, 84, 73, 122, 78, 68, 85, 50, 78, 122, 103, 53, 89, 87,
            74, 106, 90, 71, 86, 109, 90, 50, 104, 112, 97, 105, 74, 57, 32, 100, 111, 110, 101,
        ],
        true,
        9,
        0,
        0,
        Some(D {
            name: "base64",
            text: &[
                123, 34, 116, 111, 107, 101, 110, 34, 58, 34, 103, 104, 112, 95, 48, 49, 50, 51,
                52, 53, 54, 55, 56, 57, 97, 98, 99, 100, 101, 102, 103, 104, 105, 106, 34, 125,
            ],
            starts: &[
                5, 6, 7, 9, 10, 11, 13, 14, 15, 17, 18, 19, 21, 22, 23, 25, 26, 27, 29, 30, 31, 33,
                34, 35, 37, 38, 39, 41, 42, 43, 45, 46, 47, 49, 50, 51, 53,
            ],
            ends: &[
                5, 7, 8, 9, 11, 12, 13, 15, 16, 17, 19, 20, 21, 23, 24, 25, 27, 28, 29, 31, 32, 33,
                35, 36, 37, 39, 40, 41, 43, 44, 45, 47, 48, 49, 51, 52, 53,
            ],
            end: 53,
        }),
    ),
    (
        "base64",
        &[
            107, 101, 121, 58, 32, 101, 121, 74, 48, 98, 50, 116, 108, 98, 105, 73, 54, 73, 109,
            100, 111, 99, 70, 56, 119, 77, 84, 73, 122, 78, 68, 85, 50, 78, 122, 103, 53, 89, 87,
            74, 106, 90, 71, 86, 109, 90, 50, 104, 112, 97, 105, 74, 57, 32, 100, 111, 110, 101,
        ],
        true,
        9,
        1,
        0,
        Some(D {
            name: "base64",
            text: &[
                209, 189, 173, 149, 184, 136, 232, 137, 157, 161, 193, 124, 192, 196, 200, 204,
                208, 212, 216, 220, 224, 229, 133, 137, 141, 145, 149, 153, 157, 161, 165, 168,
                137,
            ],
            starts: &[
                8, 9, 10, 12, 13, 14, 16, 17, 18, 20, 21, 22, 24, 25, 26, 28, 29, 30, 32, 33, 34,
                36, 37, 38, 40, 41, 42, 44, 45, 46, 48, 49, 50, 52,
            ],
            ends: &[
                8, 10, 11, 12, 14, 15, 16, 18, 19, 20, 22, 23, 24, 26, 27, 28, 30, 31, 32, 34, 35,
                36, 38, 39, 40, 42, 43, 44, 46, 47, 48, 50, 51, 52,
            ],
            end: 53,
        }),
    ),
    (
        "base64",
        &[
            107, 101, 121, 58, 32, 101, 121, 74, 48, 98, 50, 116, 108, 98, 105, 73, 54, 73, 109,
            100, 111, 99, 70, 56, 119, 77, 84, 73, 122, 78, 68, 85, 50, 78, 122, 103, 53, 89, 87,
            74, 106, 90, 71, 86, 109, 90, 50, 104, 112, 97, 105, 74, 57, 32, 100, 111, 110, 101,
        ],
        true,
        9,
        3,
        7,
        Some(D {
            name: "base64",
            text: &[
                218, 217, 91, 136, 142, 136, 153, 218, 28, 23, 204, 12, 76, 140, 205, 13, 77, 141,
                206, 14, 88, 88, 152, 217, 25, 89, 153, 218, 26, 90, 136, 159,
            ],
            starts: &[
                10, 11, 12, 14, 15, 16, 18, 19, 20, 22, 23, 24, 26, 27, 28, 30, 31, 32, 34, 35, 36,
                38, 39, 40, 42, 43, 44, 46, 47, 48, 50, 51, 52,
            ],
            ends: &[
                10, 12, 13, 14, 16, 17, 18, 20, 21, 22, 24, 25, 26, 28, 29, 30, 32, 33, 34, 36, 37,
                38, 40, 41, 42, 44, 45, 46, 48, 49, 50, 52, 53,
            ],
            end: 53,
        }),
    ),
    (
        "base64",
        &[
            120, 61, 89, 87, 74, 106, 90, 71, 86, 109, 90, 50, 104, 112, 97, 109, 116, 115, 98, 87,
            53, 118, 99, 72, 69, 61, 61, 61,
        ],
        true,
        4,
        2,
        0,
        Some(D {
            name: "base64",
            text: &[
                97, 98, 99, 100, 101, 102, 103, 104, 105, 106, 107, 108, 109, 110, 111, 112, 113,
            ],
            starts: &[
                2, 3, 4, 6, 7, 8, 10, 11, 12, 14, 15, 16, 18, 19, 20, 22, 23, 24,
            ],
            ends: &[
                2, 4, 5, 6, 8, 9, 10, 12, 13, 14, 16, 17, 18, 20, 21, 22, 24, 25,
            ],
            end: 27,
        }),
    ),
    (
        "base64",
        &[
            120, 61, 89, 87, 74, 106, 90, 71, 86, 109, 90, 50, 104, 112, 97, 109, 116, 115, 98, 87,
            53, 118, 99, 65, 61, 61, 61, 61, 61,
        ],
        true,
        4,
        0,
        0,
        Some(D {
            name: "base64",
            text: &[
                38, 54, 70, 86, 102, 118, 134, 150, 166, 182, 198, 214, 230, 247, 0,
            ],
            starts: &[4, 5, 6, 8, 9, 10, 12, 13, 14, 16, 17, 18, 20, 21, 22, 24],
            ends: &[4, 6, 7, 8, 10, 11, 12, 14, 15, 16, 18, 19, 20, 22, 23, 24],
            end: 26,
        }),
    ),
    (
        "base64",
        &[
            120, 61, 81, 85, 74, 68, 82, 69, 86, 71, 82, 48, 104, 74, 83, 107, 116, 77, 84, 85, 53,
            80, 85, 65,
        ],
        true,
        2,
        0,
        0,
        Some(D {
            name: "base64",
            text: &[
                65, 66, 67, 68, 69, 70, 71, 72, 73, 74, 75, 76, 77, 78, 79, 80,
            ],
            starts: &[2, 3, 4, 6, 7, 8, 10, 11, 12, 14, 15, 16, 18, 19, 20, 22, 23],
            ends: &[2, 4, 5, 6, 8, 9, 10, 12, 13, 14, 16, 17, 18, 20, 21, 22, 24],
            end: 24,
        }),
    ),
    (
        "base64",
        &[120, 61, 81, 85, 74, 68, 82, 69, 86, 71],
        true,
        2,
        0,
        0,
        None,
    ),
    (
        "base64",
        &[
            255, 47, 47, 52, 119, 77, 84, 73, 122, 78, 68, 85, 50, 78, 122, 103, 53, 89, 87, 74,
            106, 90, 71, 86, 109, 255,
        ],
        true,
        3,
        0,
        0,
        Some(D {
            name: "base64",
            text: &[
                227, 3, 19, 35, 51, 67, 83, 99, 115, 131, 150, 22, 38, 54, 70, 86,
            ],
            starts: &[3, 4, 5, 7, 8, 9, 11, 12, 13, 15, 16, 17, 19, 20, 21, 23, 24],
            ends: &[
                3, 5, 6, 7, 9, 10, 11, 13, 14, 15, 17, 18, 19, 21, 22, 23, 25,
            ],
            end: 25,
        }),
    ),
    (
        "percent",
        &[
            117, 114, 108, 61, 104, 116, 116, 112, 115, 37, 51, 65, 37, 50, 70, 37, 50, 70, 117,
            115, 101, 114, 37, 51, 65, 112, 97, 37, 50, 53, 115, 115, 37, 52, 48, 104, 111, 115,
            116, 37, 50, 70, 112, 97, 116, 104, 38, 120, 61, 37, 122, 122, 37, 52,
        ],
        true,
        12,
        0,
        0,
        Some(D {
            name: "percent",
            text: &[
                117, 114, 108, 61, 104, 116, 116, 112, 115, 58, 47, 47, 117, 115, 101, 114, 58,
                112, 97, 37, 115, 115, 64, 104, 111, 115, 116, 47, 112, 97, 116, 104, 38, 120, 61,
                37, 122, 122, 37, 52,
            ],
            starts: &[
                0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 12, 15, 18, 19, 20, 21, 22, 25, 26, 27, 30, 31, 32,
                35, 36, 37, 38, 39, 42, 43, 44, 45, 46, 47, 48, 49, 50, 51, 52, 53, 54,
            ],
            ends: &[
                0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 12, 15, 18, 19, 20, 21, 22, 25, 26, 27, 30, 31, 32,
                35, 36, 37, 38, 39, 42, 43, 44, 45, 46, 47, 48, 49, 50, 51, 52, 53, 54,
            ],
            end: 54,
        }),
    ),
    (
        "percent",
        &[
            97, 32, 34, 104, 116, 116, 112, 115, 58, 47, 47, 104, 111, 115, 116, 47, 37, 50, 34,
            32, 98,
        ],
        true,
        5,
        0,
        0,
        None,
    ),
    (
        "percent",
        &[
            97, 32, 104, 116, 116, 112, 115, 58, 47, 47, 104, 111, 115, 116, 47, 37, 50, 70, 37,
            50, 102, 60, 98,
        ],
        true,
        5,
        0,
        4,
        Some(D {
            name: "percent",
            text: &[116, 112, 115, 58, 47, 47, 104, 111, 115, 116, 47, 47, 47],
            starts: &[4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 18, 21],
            ends: &[4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 18, 21],
            end: 21,
        }),
    ),
    (
        "percent",
        &[
            97, 97, 97, 97, 97, 97, 97, 97, 97, 97, 97, 97, 97, 97, 97, 97, 97, 97, 97, 97, 97, 97,
            97, 97, 97, 97, 97, 97, 97, 97, 97, 97, 97, 97, 97, 97, 97, 97, 97, 97, 97, 97, 97, 97,
            97, 97, 97, 97, 97, 97, 37, 52, 49, 98, 98, 98, 98, 98, 98, 98, 98, 98, 98, 98, 98, 98,
            98, 98, 98, 98, 98, 98, 98,
        ],
        true,
        40,
        0,
        0,
        Some(D {
            name: "percent",
            text: &[
                97, 97, 97, 97, 97, 97, 97, 97, 97, 97, 97, 97, 97, 97, 97, 97, 97, 97, 97, 97, 97,
                97, 97, 97, 97, 97, 97, 97, 97, 97, 97, 97, 97, 97, 97, 97, 97, 97, 97, 97, 97, 97,
                97, 97, 97, 97, 97, 97, 97, 97, 65, 98, 98, 98, 98, 98, 98, 98, 98, 98, 98, 98, 98,
                98, 98, 98, 98, 98, 98, 98, 98,
            ],
            starts: &[
                0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22,
                23, 24, 25, 26, 27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 37, 38, 39, 40, 41, 42, 43,
                44, 45, 46, 47, 48, 49, 50, 53, 54, 55, 56, 57, 58, 59, 60, 61, 62, 63, 64, 65, 66,
                67, 68, 69, 70, 71, 72, 73,
            ],
            ends: &[
                0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22,
                23, 24, 25, 26, 27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 37, 38, 39, 40, 41, 42, 43,
                44, 45, 46, 47, 48, 49, 50, 53, 54, 55, 56, 57, 58, 59, 60, 61, 62, 63, 64, 65, 66,
                67, 68, 69, 70, 71, 72, 73,
            ],
            end: 73,
        }),
    ),
    (
        "json",
        &[
            123, 34, 107, 34, 58, 32, 34, 104, 116, 116, 112, 115, 58, 92, 47, 92, 47, 104, 111,
            111, 107, 115, 46, 115, 108, 97, 99, 107, 46, 99, 111, 109, 92, 47, 115, 101, 114, 118,
            105, 99, 101, 115, 92, 47, 84, 48, 92, 47, 66, 48, 92, 47, 120, 121, 122, 34, 44, 32,
            34, 110, 34, 58, 32, 49, 125,
        ],
        false,
        14,
        0,
        0,
        Some(D {
            name: "json",
            text: &[
                104, 116, 116, 112, 115, 58, 47, 47, 104, 111, 111, 107, 115, 46, 115, 108, 97, 99,
                107, 46, 99, 111, 109, 47, 115, 101, 114, 118, 105, 99, 101, 115, 47, 84, 48, 47,
                66, 48, 47, 120, 121, 122,
            ],
            starts: &[
                7, 8, 9, 10, 11, 12, 13, 15, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29,
                30, 31, 32, 34, 35, 36, 37, 38, 39, 40, 41, 42, 44, 45, 46, 48, 49, 50, 52, 53, 54,
                55,
            ],
            ends: &[
                7, 8, 9, 10, 11, 12, 13, 15, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29,
                30, 31, 32, 34, 35, 36, 37, 38, 39, 40, 41, 42, 44, 45, 46, 48, 49, 50, 52, 53, 54,
                55,
            ],
            end: 55,
        }),
    ),
    (
        "json",
        &[
            123, 34, 107, 34, 58, 32, 34, 97, 92, 34, 98, 92, 92, 99, 92, 117, 48, 48, 52, 49, 92,
            117, 48, 48, 101, 57, 92, 117, 50, 48, 50, 56, 92, 117, 100, 56, 51, 100, 92, 117, 100,
            101, 48, 48, 92, 117, 122, 122, 122, 122, 92, 120, 92, 110, 92, 116, 92, 98, 92, 102,
            92, 114, 34, 125,
        ],
        false,
        10,
        0,
        0,
        Some(D {
            name: "json",
            text: &[
                97, 34, 98, 92, 99, 65, 233, 8232, 55357, 56832, 92, 117, 122, 122, 122, 122, 92,
                120, 10, 9, 8, 12, 13,
            ],
            starts: &[
                7, 8, 10, 11, 13, 14, 20, 26, 32, 38, 44, 45, 46, 47, 48, 49, 50, 51, 52, 54, 56,
                58, 60, 62,
            ],
            ends: &[
                7, 8, 10, 11, 13, 14, 20, 26, 32, 38, 44, 45, 46, 47, 48, 49, 50, 51, 52, 54, 56,
                58, 60, 62,
            ],
            end: 62,
        }),
    ),
    (
        "json",
        &[
            108, 105, 110, 101, 49, 10, 34, 120, 92, 47, 121, 34, 32, 34, 122, 92, 47, 119, 34, 10,
        ],
        false,
        9,
        0,
        0,
        Some(D {
            name: "json",
            text: &[120, 47, 121],
            starts: &[7, 8, 10, 11],
            ends: &[7, 8, 10, 11],
            end: 11,
        }),
    ),
    (
        "json",
        &[
            110, 111, 32, 101, 115, 99, 97, 112, 101, 115, 32, 34, 104, 101, 114, 101, 34, 32, 97,
            116, 32, 97, 108, 108,
        ],
        false,
        12,
        0,
        0,
        None,
    ),
    (
        "json",
        &[
            8232, 34, 119, 105, 100, 101, 8232, 92, 47, 256, 32, 116, 101, 120, 116, 92, 92, 34,
        ],
        false,
        4,
        0,
        0,
        Some(D {
            name: "json",
            text: &[
                119, 105, 100, 101, 8232, 47, 256, 32, 116, 101, 120, 116, 92,
            ],
            starts: &[2, 3, 4, 5, 6, 7, 9, 10, 11, 12, 13, 14, 15, 17],
            ends: &[2, 3, 4, 5, 6, 7, 9, 10, 11, 12, 13, 14, 15, 17],
            end: 17,
        }),
    ),
    (
        "json",
        &[120, 92, 34, 121, 92, 47, 122, 34],
        false,
        5,
        0,
        2,
        Some(D {
            name: "json",
            text: &[34, 121, 47, 122],
            starts: &[2, 3, 4, 6, 7],
            ends: &[2, 3, 4, 6, 7],
            end: 7,
        }),
    ),
    ("json", &[116, 97, 105, 108, 92], false, 2, 0, 0, None),
];

pub struct S {
    pub text: &'static str,
    pub hits: &'static [(usize, u32)],
    pub tried: &'static [(usize, usize, usize)],
    pub candidates: &'static [(usize, usize)],
    pub visited: &'static [Option<D>],
}

pub const SPANS: &[S] = &[
    S { text: concat!("export TOKEN=R0lUSFVCX1RPS0VOPWdoc", "F9rYVRQelRQcGhzNTY4WVNR", "aEpyTlFEcXZPU1hFZHcwV2FtUzQK\n"), hits: &[(31, 1431)], tried: &[], candidates: &[], visited: &[Some(D { name: "base64", text: &[71, 73, 84, 72, 85, 66, 95, 84, 79, 75, 69, 78, 61, 103, 104, 112, 95, 107, 97, 84, 80, 122, 84, 80, 112, 104, 115, 53, 54, 56, 89, 83, 81, 104, 74, 114, 78, 81, 68, 113, 118, 79, 83, 88, 69, 100, 119, 48, 87, 97, 109, 83, 52, 10], starts: &[13, 14, 15, 17, 18, 19, 21, 22, 23, 25, 26, 27, 29, 30, 31, 33, 34, 35, 37, 38, 39, 41, 42, 43, 45, 46, 47, 49, 50, 51, 53, 54, 55, 57, 58, 59, 61, 62, 63, 65, 66, 67, 69, 70, 71, 73, 74, 75, 77, 78, 79, 81, 82, 83, 85], ends: &[13, 15, 16, 17, 19, 20, 21, 23, 24, 25, 27, 28, 29, 31, 32, 33, 35, 36, 37, 39, 40, 41, 43, 44, 45, 47, 48, 49, 51, 52, 53, 55, 56, 57, 59, 60, 61, 63, 64, 65, 67, 68, 69, 71, 72, 73, 75, 76, 77, 79, 80, 81, 83, 84, 85], end: 0 })] },
    S { text: concat!("a: \"WjJo", "d1gydGhWRkI2VkZCd2FITTFOamhaVTFG", "b1NuSk9VVVJ4ZGs5VFdFVmtkekJYWVcxVE5BPT0=\"\nb: eGdocF9rYVRQelRQcGhzNTY4WVNRaEpyTlFEcXZPU1hFZHcwV2FtUzQ="), hits: &[(4, 1428), (87, 1431)], tried: &[], candidates: &[], visited: &[Some(D { name: "base64", text: &[90, 50, 104, 119, 88, 50, 116, 104, 86, 70, 66, 54, 86, 70, 66, 119, 97, 72, 77, 49, 78, 106, 104, 90, 85, 49, 70, 111, 83, 110, 74, 79, 85, 85, 82, 120, 100, 107, 57, 84, 87, 69, 86, 107, 100, 122, 66, 88, 89, 87, 49, 84, 78, 65, 61, 61], starts: &[4, 5, 6, 8, 9, 10, 12, 13, 14, 16, 17, 18, 20, 21, 22, 24, 25, 26, 28, 29, 30, 32, 33, 34, 36, 37, 38, 40, 41, 42, 44, 45, 46, 48, 49, 50, 52, 53, 54, 56, 57, 58, 60, 61, 62, 64, 65, 66, 68, 69, 70, 72, 73, 74, 76, 77, 78], ends: &[4, 6, 7, 8, 10, 11, 12, 14, 15, 16, 18, 19, 20, 22, 23, 24, 26, 27, 28, 30, 31, 32, 34, 35, 36, 38, 39, 40, 42, 43, 44, 46, 47, 48, 50, 51, 52, 54, 55, 56, 58, 59, 60, 62, 63, 64, 66, 67, 68, 70, 71, 72, 74, 75, 76, 78, 79], end: 0 }), Some(D { name: "base64", text: &[120, 103, 104, 112, 95, 107, 97, 84, 80, 122, 84, 80, 112, 104, 115, 53, 54, 56, 89, 83, 81, 104, 74, 114, 78, 81, 68, 113, 118, 79, 83, 88, 69, 100, 119, 48, 87, 97, 109, 83, 52], starts: &[85, 86, 87, 89, 90, 91, 93, 94, 95, 97, 98, 99, 101, 102, 103, 105, 106, 107, 109, 110, 111, 113, 114, 115, 117, 118, 119, 121, 122, 123, 125, 126, 127, 129, 130, 131, 133, 134, 135, 137, 138, 139], ends: &[85, 87, 88, 89, 91, 92, 93, 95, 96, 97, 99, 100, 101, 103, 104, 105, 107, 108, 109, 111, 112, 113, 115, 116, 117, 119, 120, 121, 123, 124, 125, 127, 128, 129, 131, 132, 133, 135, 136, 137, 139, 140], end: 0 })] },
    S { text: concat!("{\"url\": \"http", "s:\\/\\/hooks.slack.com\\/services\\/T01A", "BCDEF\\/B01ABCDEF\\/fV9s7dieHbYmwtsuukASyzSZ\"}"), hits: &[(9, 3166), (14, 3151), (19, 2852)], tried: &[], candidates: &[], visited: &[Some(D { name: "json", text: &[104, 116, 116, 112, 115, 58, 47, 47, 104, 111, 111, 107, 115, 46, 115, 108, 97, 99, 107, 46, 99, 111, 109, 47, 115, 101, 114, 118, 105, 99, 101, 115, 47, 84, 48, 49, 65, 66, 67, 68, 69, 70, 47, 66, 48, 49, 65, 66, 67, 68, 69, 70, 47, 102, 86, 57, 115, 55, 100, 105, 101, 72, 98, 89, 109, 119, 116, 115, 117, 117, 107, 65, 83, 121, 122, 83, 90], starts: &[9, 10, 11, 12, 13, 14, 15, 17, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31, 32, 33, 34, 36, 37, 38, 39, 40, 41, 42, 43, 44, 46, 47, 48, 49, 50, 51, 52, 53, 54, 55, 57, 58, 59, 60, 61, 62, 63, 64, 65, 66, 68, 69, 70, 71, 72, 73, 74, 75, 76, 77, 78, 79, 80, 81, 82, 83, 84, 85, 86, 87, 88, 89, 90, 91, 92], ends: &[9, 10, 11, 12, 13, 14, 15, 17, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31, 32, 33, 34, 36, 37, 38, 39, 40, 41, 42, 43, 44, 46, 47, 48, 49, 50, 51, 52, 53, 54, 55, 57, 58, 59, 60, 61, 62, 63, 64, 65, 66, 68, 69, 70, 71, 72, 73, 74, 75, 76, 77, 78, 79, 80, 81, 82, 83, 84, 85, 86, 87, 88, 89, 90, 91, 92], end: 0 })] },
    S { text: concat!("curl \"https:", "//api.example.io/x?token=%22gh", "p_", "kaTPzTPphs568YSQ", "hJrNQDqvOSXEdw0WamS4%22&y=1\""), hits: &[(11, 282), (40, 116)], tried: &[(40, 0, 256)], candidates: &[], visited: &[Some(D { name: "percent", text: &[104, 116, 116, 112, 115, 58, 47, 47, 97, 112, 105, 46, 101, 120, 97, 109, 112, 108, 101, 46, 105, 111, 47, 120, 63, 116, 111, 107, 101, 110, 61, 34, 103, 104, 112, 95, 107, 97, 84, 80, 122, 84, 80, 112, 104, 115, 53, 54, 56, 89, 83, 81, 104, 74, 114, 78, 81, 68, 113, 118, 79, 83, 88, 69, 100, 119, 48, 87, 97, 109, 83, 52, 34, 38, 121, 61, 49], starts: &[6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 37, 40, 41, 42, 43, 44, 45, 46, 47, 48, 49, 50, 51, 52, 53, 54, 55, 56, 57, 58, 59, 60, 61, 62, 63, 64, 65, 66, 67, 68, 69, 70, 71, 72, 73, 74, 75, 76, 77, 78, 79, 80, 83, 84, 85, 86, 87], ends: &[6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 37, 40, 41, 42, 43, 44, 45, 46, 47, 48, 49, 50, 51, 52, 53, 54, 55, 56, 57, 58, 59, 60, 61, 62, 63, 64, 65, 66, 67, 68, 69, 70, 71, 72, 73, 74, 75, 76, 77, 78, 79, 80, 83, 84, 85, 86, 87], end: 0 })] },
    S { text: concat!("DATABASE_URL=postgres%3A%2F%2Fapp%3A0snI", "F7", "WlZHq8%40db.acme.io%2Fapp"), hits: &[(13, 3194), (21, 3149)], tried: &[], candidates: &[], visited: &[Some(D { name: "percent", text: &[68, 65, 84, 65, 66, 65, 83, 69, 95, 85, 82, 76, 61, 112, 111, 115, 116, 103, 114, 101, 115, 58, 47, 47, 97, 112, 112, 58, 48, 115, 110, 73, 70, 55, 87, 108, 90, 72, 113, 56, 64, 100, 98, 46, 97, 99, 109, 101, 46, 105, 111, 47, 97, 112, 112], starts: &[0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 24, 27, 30, 31, 32, 33, 36, 37, 38, 39, 40, 41, 42, 43, 44, 45, 46, 47, 48, 51, 52, 53, 54, 55, 56, 57, 58, 59, 60, 61, 64, 65, 66, 67], ends: &[0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 24, 27, 30, 31, 32, 33, 36, 37, 38, 39, 40, 41, 42, 43, 44, 45, 46, 47, 48, 51, 52, 53, 54, 55, 56, 57, 58, 59, 60, 61, 64, 65, 66, 67], end: 0 })] },
    S { text: concat!("{\"private_key\": \"--", "--", "-BEGIN PRIVA", "TE KEY-----\\n6qIQLfb5USzEmmTPNZMYUOSl5xZ/TjQjMlzuGAMnjdevAA32c8DUOrV9lM0lvkkb", "\\nCGrnMBREhpkA0hTI7Ym1PNsD39W1pm1ELgObKtX7jq5/pTb5/2R8z1Y63Fm4b0XG\\n-----END PRIVA", "TE KEY-----\\n\"}"), hits: &[(28, 219), (187, 219)], tried: &[(28, 64, 8192), (187, 64, 8192)], candidates: &[(17, 203)], visited: &[] },
    S { text: concat!("token=gh", "p_7HlvwQEdGZwYihfNYvRV%2FUyzG4MqGoNfshYIQFWHh and cG9zdGdyZXM6Ly91OnpsY", "VRtQ", "045TThuZ0BkYi5hY21lLmlvL3g="), hits: &[(6, 116), (58, 3182)], tried: &[(6, 0, 256)], candidates: &[], visited: &[Some(D { name: "percent", text: &[116, 111, 107, 101, 110, 61, 103, 104, 112, 95, 55, 72, 108, 118, 119, 81, 69, 100, 71, 90, 119, 89, 105, 104, 102, 78, 89, 118, 82, 86, 47, 85, 121, 122, 71, 52, 77, 113, 71, 111, 78, 102, 115, 104, 89, 73, 81, 70, 87, 72, 104], starts: &[0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 33, 34, 35, 36, 37, 38, 39, 40, 41, 42, 43, 44, 45, 46, 47, 48, 49, 50, 51, 52, 53], ends: &[0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 33, 34, 35, 36, 37, 38, 39, 40, 41, 42, 43, 44, 45, 46, 47, 48, 49, 50, 51, 52, 53], end: 0 }), Some(D { name: "base64", text: &[112, 111, 115, 116, 103, 114, 101, 115, 58, 47, 47, 117, 58, 122, 108, 97, 84, 109, 67, 78, 57, 77, 56, 110, 103, 64, 100, 98, 46, 97, 99, 109, 101, 46, 105, 111, 47, 120], starts: &[58, 59, 60, 62, 63, 64, 66, 67, 68, 70, 71, 72, 74, 75, 76, 78, 79, 80, 82, 83, 84, 86, 87, 88, 90, 91, 92, 94, 95, 96, 98, 99, 100, 102, 103, 104, 106, 107, 108], ends: &[58, 60, 61, 62, 64, 65, 66, 68, 69, 70, 72, 73, 74, 76, 77, 78, 80, 81, 82, 84, 85, 86, 88, 89, 90, 92, 93, 94, 96, 97, 98, 100, 101, 102, 104, 105, 106, 108, 109], end: 0 })] },
    S { text: concat!("plain gh", "p_", "kaTPzTPphs568YSQ", "hJrNQDqvOSXEdw0WamS4 text with no encoding at all, xxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"), hits: &[(6, 116)], tried: &[(6, 0, 256)], candidates: &[(6, 46)], visited: &[] },
    S { text: concat!("auth: QXV0aG9yaXphdGlvbjogQmVhcmVyIGV5S", "mhiR2NpT2lKSVV6STFOaUo5LmV5SnpkV0lpT2lKT1dUTmlTMDV1VGlK", "OS5xYzZMOVdHVnhKZUxxajZJcXp1NUFuRjhTaks2enpXT2tQU1Z0N24xU1px"), hits: &[(36, 1936)], tried: &[], candidates: &[], visited: &[Some(D { name: "base64", text: &[65, 117, 116, 104, 111, 114, 105, 122, 97, 116, 105, 111, 110, 58, 32, 66, 101, 97, 114, 101, 114, 32, 101, 121, 74, 104, 98, 71, 99, 105, 79, 105, 74, 73, 85, 122, 73, 49, 78, 105, 74, 57, 46, 101, 121, 74, 122, 100, 87, 73, 105, 79, 105, 74, 79, 87, 84, 78, 105, 83, 48, 53, 117, 84, 105, 74, 57, 46, 113, 99, 54, 76, 57, 87, 71, 86, 120, 74, 101, 76, 113, 106, 54, 73, 113, 122, 117, 53, 65, 110, 70, 56, 83, 106, 75, 54, 122, 122, 87, 79, 107, 80, 83, 86, 116, 55, 110, 49, 83, 90, 113], starts: &[6, 7, 8, 10, 11, 12, 14, 15, 16, 18, 19, 20, 22, 23, 24, 26, 27, 28, 30, 31, 32, 34, 35, 36, 38, 39, 40, 42, 43, 44, 46, 47, 48, 50, 51, 52, 54, 55, 56, 58, 59, 60, 62, 63, 64, 66, 67, 68, 70, 71, 72, 74, 75, 76, 78, 79, 80, 82, 83, 84, 86, 87, 88, 90, 91, 92, 94, 95, 96, 98, 99, 100, 102, 103, 104, 106, 107, 108, 110, 111, 112, 114, 115, 116, 118, 119, 120, 122, 123, 124, 126, 127, 128, 130, 131, 132, 134, 135, 136, 138, 139, 140, 142, 143, 144, 146, 147, 148, 150, 151, 152, 154], ends: &[6, 8, 9, 10, 12, 13, 14, 16, 17, 18, 20, 21, 22, 24, 25, 26, 28, 29, 30, 32, 33, 34, 36, 37, 38, 40, 41, 42, 44, 45, 46, 48, 49, 50, 52, 53, 54, 56, 57, 58, 60, 61, 62, 64, 65, 66, 68, 69, 70, 72, 73, 74, 76, 77, 78, 80, 81, 82, 84, 85, 86, 88, 89, 90, 92, 93, 94, 96, 97, 98, 100, 101, 102, 104, 105, 106, 108, 109, 110, 112, 113, 114, 116, 117, 118, 120, 121, 122, 124, 125, 126, 128, 129, 130, 132, 133, 134, 136, 137, 138, 140, 141, 142, 144, 145, 146, 148, 149, 150, 152, 153, 154], end: 0 })] },
    S { text: concat!("a b \"x\\u00e9\\/gh", "p_", "nGC3vAJv1CuVcGU1", "OcDAb1v2Ju8cLd6QZ9rv\""), hits: &[(14, 116)], tried: &[(14, 0, 256)], candidates: &[(14, 54)], visited: &[Some(D { name: "json", text: &[120, 233, 47, 103, 104, 112, 95, 110, 71, 67, 51, 118, 65, 74, 118, 49, 67, 117, 86, 99, 71, 85, 49, 79, 99, 68, 65, 98, 49, 118, 50, 74, 117, 56, 99, 76, 100, 54, 81, 90, 57, 114, 118], starts: &[5, 6, 12, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 37, 38, 39, 40, 41, 42, 43, 44, 45, 46, 47, 48, 49, 50, 51, 52, 53, 54], ends: &[5, 6, 12, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 37, 38, 39, 40, 41, 42, 43, 44, 45, 46, 47, 48, 49, 50, 51, 52, 53, 54], end: 0 })] },
    S { text: concat!("e", "yJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.e", "yJzdWIiOiIxIn0=.sig and again cXFxcXFxcXsiYWxnIjoiUlMyNTYifQ=="), hits: &[(0, 161), (37, 161)], tried: &[(0, 0, 8192), (37, 0, 8192)], candidates: &[], visited: &[] },
];

pub const FINDINGS_TEXT: &str = concat!("line one\nkey=gh", "p_", "kaTPzTPphs568YSQ", "hJrNQDqvOSXEdw0WamS4\r\n\n  \"--", "--", "-BEGIN PRIVA", "TE KEY-----\\nEBcanKCiRou0nxHionwu3aLBhE8roG3WibNrJha476hIdJTLjEbqMoxQ1qRc4iom\\nl5ng5giZ8KyqjRbKtlQAmJGVfswkCxt", "J82xdSYNbgukLR92C5zrJmcfTyNmYMUMb\\n6TFHpgsesP9qQuDwzcfqoheYRNGk5kJse22uCLqLQ4sw7CArac9Z10m+xN2239Cw\\n-----END PRIVA", "TE KEY-----\"\nmulti\nline ééé x\nYQpnaH", "Bfa2FUUHpUUHBoczU2OFlTU", "WhKck5RRHF2T1NYRWR3MFdhbVM0\nend");
pub struct F {
    pub rule: &'static str,
    pub start: usize,
    pub end: usize,
    pub secret: &'static str,
    pub prefix_length: usize,
    pub encoding: &'static [&'static str],
    pub redacted: &'static str,
    pub line: usize,
    pub column: usize,
    pub end_line: usize,
    pub end_column: usize,
}

pub const FINDINGS: &[F] = &[
    F { rule: "github-pat-classic", start: 13, end: 53, secret: concat!("gh", "p_", "kaTPzTPphs568YSQ", "hJrNQDqvOSXEdw0WamS4"), prefix_length: 4, encoding: &[], redacted: concat!("gh", "p_…amS4"), line: 2, column: 5, end_line: 2, end_column: 45 },
    F { rule: "private-key", start: 59, end: 311, secret: concat!("--", "--", "-", "BEGIN PRIVA", "TE KEY-----\nEBcanKCiRou0nxHionwu3aLBhE8roG3WibNrJha476hIdJTLjEbqMoxQ1qRc4iom\nl5ng5giZ8KyqjRbKtlQAmJGVfswkCxt", "J82xdSYNbgukLR92C5zrJmcfTyNmYMUMb\n6TFHpgsesP9qQuDwzcfqoheYRNGk5kJse22uCLqLQ4sw7CArac9Z10m+xN2239Cw\n-----END PRIVA", "TE KEY-----"), prefix_length: 0, encoding: &["json"], redacted: concat!("-----BEGIN PRIVA", "TE KEY-----…39Cw"), line: 4, column: 4, end_line: 4, end_column: 256 },
    F { rule: "private-key", start: 59, end: 311, secret: concat!("--", "--", "-BEGIN PRIVA", "TE KEY-----\\nEBcanKCiRou0nxHionwu3aLBhE8roG3WibNrJha476hIdJTLjEbqMoxQ1qRc4iom\\nl5ng5giZ8KyqjRbKtlQAmJGVfswkCxt", "J82xdSYNbgukLR92C5zrJmcfTyNmYMUMb\\n6TFHpgsesP9qQuDwzcfqoheYRNGk5kJse22uCLqLQ4sw7CArac9Z10m+xN2239Cw\\n-----END PRIVA", "TE KEY-----"), prefix_length: 0, encoding: &[], redacted: concat!("-----BEGIN PRIVA", "TE KEY-----…39Cw"), line: 4, column: 4, end_line: 4, end_column: 256 },
    F { rule: "url-basic-auth", start: 313, end: 327, secret: "multi\nline ééé", prefix_length: 0, encoding: &[], redacted: "…", line: 5, column: 1, end_line: 6, end_column: 9 },
    F { rule: "github-pat-classic", start: 315, end: 331, secret: concat!("gh", "p_", "kaTPzTPphs568YSQ", "hJrNQDqvOSXEdw0WamS4"), prefix_length: 0, encoding: &["base64"], redacted: concat!("gh", "p_…amS4"), line: 5, column: 3, end_line: 7, end_column: 2 },
    F { rule: "jwt", start: 387, end: 390, secret: "end", prefix_length: 0, encoding: &[], redacted: "…", line: 8, column: 1, end_line: 8, end_column: 4 },
];
